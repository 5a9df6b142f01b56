import { describe, expect, it } from 'vitest';
import { checkRewriteFits, estimateTokens } from '../../lib/generation/rewrite-budget';

describe('estimateTokens', () => {
  it('counts Latin text at about 3.5 characters a token and wide scripts a token a character', () => {
    expect(estimateTokens('a'.repeat(350))).toBe(100);
    expect(estimateTokens('多线程和多进程')).toBe(7);
    expect(estimateTokens('🙂🙂')).toBe(2);
  });
});

describe('checkRewriteFits', () => {
  const limits = { contextTokens: 128_000, maxOutputTokens: 16_384 };
  it('lets a normal post through and refuses one whose rewrite would not fit the answer', () => {
    expect(() => checkRewriteFits('word '.repeat(3_000), [], limits)).not.toThrow();
    expect(() => checkRewriteFits('word '.repeat(9_000), ['longer'], limits)).toThrow(/too long to rewrite in one answer/);
    expect(() => checkRewriteFits('word '.repeat(9_000), ['shorter'], limits)).not.toThrow();
  });
});
