import { describe, expect, it } from 'vitest';
import { slugFromKeyphrase } from '../../lib/content/slug';

describe('the slug from the focus keyphrase', () => {
  it('is short, lowercase, hyphenated and leaves out stop words and punctuation', () => {
    expect(slugFromKeyphrase('How to Speed Up a WordPress Site')).toBe('speed-up-wordpress-site');
    expect(slugFromKeyphrase('  Café au lait: the guide!  ')).toBe('cafe-au-lait-guide');
    expect(slugFromKeyphrase('the best of the best tools for developers in 2026 and beyond')).toBe('best-best-tools-developers-2026-beyond');
  });

  it('keeps the words when every one is a stop word, and letters of any script', () => {
    expect(slugFromKeyphrase('What is it')).toBe('what-is-it');
    expect(slugFromKeyphrase('Пример заголовка')).toBe('пример-заголовка');
    expect(slugFromKeyphrase('x'.repeat(80))).toBe('');
    expect(slugFromKeyphrase('word '.repeat(20)).length).toBeLessThanOrEqual(60);
  });
});
