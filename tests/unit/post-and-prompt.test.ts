import { describe, expect, it } from 'vitest';
import { GeneratedPostSchema, countWords, DEFAULT_CATEGORIES } from '../../lib/generation/post';
import { buildGenerateMessages, categoryChoices } from '../../lib/generation/prompt';
import { WritingOptionsSchema } from '../../lib/generation/writing';
import { makePost } from '../support/openai-test-server';

describe('the post schema', () => {
  const valid = makePost({ words: 200 });

  it('takes a post within a blogger’s limits, and merges tags that differ only in case', () => {
    const parsed = GeneratedPostSchema.parse({ ...valid, tags: ['WordPress', 'wordpress', 'Speed', 'Cache'] });
    expect(parsed.tags).toEqual(['WordPress', 'Speed', 'Cache']);
  });

  it('takes fewer than 3 tags and no category: those are asked for, not required', () => {
    expect(GeneratedPostSchema.parse({ ...valid, tags: ['a', 'A', 'b'], categories: [] })).toMatchObject({ tags: ['a', 'b'], categories: [] });
  });

  it.each([
    ['a title over 70 characters', { title: 'x'.repeat(71) }, 'title'],
    ['a meta description over 160 characters', { metaDescription: 'x'.repeat(161) }, 'metaDescription'],
    ['more than 10 tags', { tags: Array.from({ length: 11 }, (_, index) => `t${index}`) }, 'tags'],
    ['more than 3 categories', { categories: ['a', 'b', 'c', 'd'] }, 'categories'],
    ['a short body', { body: 'Too short to be a post.' }, 'body'],
  ])('refuses %s', (_, change, field) => {
    const result = GeneratedPostSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe(field);
  });

  it('counts words as a reader does, CJK characters one by one', () => {
    expect(countWords('Hello, world — it’s 2026!')).toBe(4);
    expect(countWords('多线程 and threads')).toBe(5);
  });
});

describe('the generation prompt', () => {
  const options = WritingOptionsSchema.parse({ tone: 'friendly', length: 'long', language: 'German' });

  it('carries the seed prompt’s rules, the topic and the writing options', () => {
    const [system, user] = buildGenerateMessages({ topic: '  Caching for WordPress ', options, siteCategories: ['Uncategorized', 'Performance'], allowNewCategories: false, format: 'json' });
    expect(system!.content).toMatch(/content generator.*very detailed/);
    expect(user!.content).toContain('Write a blog post about this topic: Caching for WordPress');
    expect(user!.content).toContain('Language: German. Tone: friendly.');
    expect(user!.content).toMatch(/SEO-friendly, catchy title of about 60 characters \(never more than 70\)/);
    expect(user!.content).toContain('chosen from: "Performance". Use only names from this list');
    expect(user!.content).not.toContain('Uncategorized');
  });

  it('asks for the seed’s line format when the endpoint cannot do JSON schemas', () => {
    const [, user] = buildGenerateMessages({ topic: 'x', options, siteCategories: [], allowNewCategories: true, format: 'lines' });
    expect(user!.content).toMatch(/TITLE: <title>\nMETA_DESCRIPTION: <meta description>\nSEO_TITLE: <SEO title>\nFOCUS_KEYWORDS: <comma separated keyphrases, the focus keyphrase first>\nTAGS: <comma separated tags>\nCATEGORIES: <comma separated categories>\n\n<the Markdown body>\n\nEndOFText/);
    expect(user!.content).toContain('Only if none fits, name a new one.');
  });

  it('offers the seed’s 60 categories when the site has only Uncategorized', () => {
    expect(DEFAULT_CATEGORIES).toHaveLength(60);
    expect(categoryChoices(['Uncategorized'])).toEqual([...DEFAULT_CATEGORIES]);
    expect(categoryChoices(['Uncategorized', 'Recipes'])).toEqual(['Recipes']);
  });
});
