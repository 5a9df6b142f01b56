import { describe, expect, it } from 'vitest';
import { parseAnswer, partialBody, readDraft } from '../../lib/generation/answer';

const body = `## Intro\n\n${'Words that make a long enough article body. '.repeat(20).trim()}`;
const post = { title: 'Fast WordPress', metaDescription: 'How to make it fast.', tags: ['a', 'b', 'c'], categories: ['Tutorials'], body };

describe('parseAnswer', () => {
  it('accepts a JSON answer, also inside a ```json fence', () => {
    // The SEO fields are the extension's to settle when a model leaves them out.
    expect(parseAnswer(JSON.stringify(post))).toEqual({ ok: true, post: { ...post, seoTitle: '', focusKeywords: [] } });
    const seo = { ...post, seoTitle: 'Fast WordPress Guide', focusKeywords: ['fast wordpress', 'Fast WordPress', 'caching'] };
    expect(parseAnswer('```json\n' + JSON.stringify(seo) + '\n```')).toEqual({ ok: true, post: { ...seo, focusKeywords: ['fast wordpress', 'caching'] } });
  });

  it('lists schema problems for the repair turn', () => {
    const result = parseAnswer(JSON.stringify({ ...post, title: 'x'.repeat(90), body: 'Too short.' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContain('title: The title must be at most 70 characters.');
    expect(result.problems).toContain('body: The body must be a long article of at least 80 words.');
  });

  it('rejects junk with a typed result, never a throw', () => {
    expect(parseAnswer('Sorry, I cannot help with that.')).toEqual({ ok: false, problems: ['The answer is not a JSON object.'] });
    expect(parseAnswer('{"title": "unterminated')).toEqual({ ok: false, problems: ['The answer is not a JSON object.'] });
    expect(parseAnswer('{}').ok).toBe(false);
  });

  it('dedupes tags case-insensitively', () => {
    const result = parseAnswer(JSON.stringify({ ...post, tags: ['SEO', 'seo', 'Speed', 'Cache'] }));
    expect(result.ok && result.post.tags).toEqual(['SEO', 'Speed', 'Cache']);
  });
});

describe('readDraft', () => {
  it('reads every field it can, limits unchecked, from JSON or the line format', () => {
    const loose = { ...post, title: 'x'.repeat(90), tags: 'one, two', categories: [] };
    expect(readDraft(JSON.stringify({ ...loose, focusKeywords: 'speed, cache' }))).toEqual({ ...post, title: 'x'.repeat(90), seoTitle: '', focusKeywords: ['speed', 'cache'], tags: ['one', 'two'], categories: [] });
    expect(readDraft(`TITLE: Fast WordPress\nSEO_TITLE: Fast WordPress in 2026\nTAGS: a, b\n\n${body}\n\nEndOFText`)).toEqual({ title: 'Fast WordPress', metaDescription: '', seoTitle: 'Fast WordPress in 2026', focusKeywords: [], tags: ['a', 'b'], categories: [], body });
  });

  it('gives nothing when the body is missing or too short to be the article', () => {
    expect(readDraft(JSON.stringify({ ...post, body: '' }))).toBeUndefined();
    expect(readDraft(JSON.stringify({ ...post, body: 'Only a few words.' }))).toBeUndefined();
    expect(readDraft('Sorry, I cannot help with that.')).toBeUndefined();
    expect(readDraft('[1, 2]')).toBeUndefined();
  });
});

describe('partialBody', () => {
  it('reads the body out of a JSON answer that is still streaming', () => {
    const full = JSON.stringify(post);
    const cut = full.slice(0, full.indexOf('"body":"') + 8 + 20);
    expect(partialBody(cut)).toBe(body.slice(0, 20 - 2)); // "\n\n" is four characters escaped
    expect(partialBody(full)).toBe(body);
    expect(partialBody('{"title":"x"')).toBe('');
  });

  it('does not break on a half escape at the cut', () => {
    expect(partialBody('{"body":"line one\\nline \\"two\\')).toBe('line one\nline "two');
    expect(partialBody('{"body":"caf\\u00')).toBe('caf');
  });
});
