import { describe, expect, it } from 'vitest';
import { readDraft } from '../../lib/generation/answer';
import { DEFAULT_CATEGORIES, GeneratedPostSchema, POST_LIMITS } from '../../lib/generation/post';
import { lastResort, mergeFollowUp, settleFields, shortenDescription } from '../../lib/generation/settle-post';
import { makePost } from '../support/openai-test-server';
import { fixtureExampleAnswer } from '../support/fixtures';

const seedList = { choices: [...DEFAULT_CATEGORIES], allowNew: false };
const draft = { ...makePost({ words: 120 }), categories: ['Tutorials'] };

describe('soft limits, fixed without writing the body again', () => {
  it('settles the fixture answer (like seed 000’s) with no follow-up: title before its subtitle, description at a sentence or word, the listed categories', () => {
    const { post, ask } = settleFields(readDraft(fixtureExampleAnswer())!, seedList);
    expect(ask).toEqual([]);
    expect(post.title).toBe('How to Diagnose and Fix a Slow Home Wi-Fi Network');
    expect(post.metaDescription.length).toBeLessThanOrEqual(POST_LIMITS.descriptionMax);
    expect(post.metaDescription).toMatch(/^Is your home Wi-Fi slow, patchy or dropping out\? Learn how to measure .*…$/);
    // "Home Networking" is not in the list: it goes last, and the cap of 3 leaves it out.
    expect(post.categories).toEqual(['Tutorials', 'Internet and Connectivity', 'Tech Tips for Beginners']);
    expect(GeneratedPostSchema.safeParse(lastResort(post)).success).toBe(true);
  });

  it('asks again for a title it cannot shorten safely, for too few tags and for categories none of which is offered', () => {
    const { ask } = settleFields({ ...draft, title: 'A very long title without any subtitle separator that just goes on and on for ever', tags: ['one', 'ONE', 'two'], categories: ['Not Offered'] }, seedList);
    expect(ask).toEqual(['title', 'tags', 'categories']);
    expect(settleFields({ ...draft, metaDescription: '' }, seedList).ask).toEqual(['metaDescription']);
  });

  it('settles the SEO title and focus keyphrases without asking: the model’s within 60 characters, else from the title and the first tag', () => {
    const given = settleFields({ ...draft, seoTitle: 'WordPress Performance: The Complete Step-by-Step Guide for Busy Bloggers', focusKeywords: ['wordpress performance', 'WordPress Performance', 'page speed'] }, seedList);
    expect(given.ask).toEqual([]);
    expect(given.post.seoTitle).toBe('WordPress Performance');
    expect(given.post.focusKeywords).toEqual(['wordpress performance', 'page speed']);
    const derived = settleFields({ ...draft, title: 'Caching Explained for Every Blogger Who Wants a Faster Site Now', seoTitle: '', focusKeywords: [] }, seedList).post;
    expect(derived.seoTitle).toBe('Caching Explained for Every Blogger Who Wants a Faster Site');
    expect(derived.seoTitle.length).toBeLessThanOrEqual(POST_LIMITS.seoTitleMax);
    expect(derived.focusKeywords).toEqual([draft.tags[0]]);
    expect(settleFields({ ...draft, focusKeywords: ['a', 'b', 'c', 'd', 'e'] }, seedList).post.focusKeywords).toHaveLength(POST_LIMITS.keywordsMax);
  });

  it('keeps categories the site lacks where new ones are allowed, and matches spelling to the site’s', () => {
    expect(settleFields({ ...draft, categories: ['brand new', 'tutorials'] }, { choices: ['Tutorials'], allowNew: true })).toMatchObject({ post: { categories: ['Tutorials', 'brand new'] }, ask: [] });
  });

  it('takes only the asked fields from the follow-up, its categories first', () => {
    const merged = mergeFollowUp({ ...draft, tags: ['a', 'b'], categories: ['Nope'] }, { title: 'Other', tags: ['b', 'c', 'd'], categories: ['News'] }, ['tags', 'categories'], seedList);
    expect(merged).toMatchObject({ title: draft.title, tags: ['a', 'b', 'c', 'd'], categories: ['News', 'Nope'] });
  });

  it('settles the last misfits without the model: a title cut at a word, a description from the body', () => {
    const post = lastResort({ ...draft, title: 'word '.repeat(30).trim(), metaDescription: '', tags: ['only'] });
    expect(post.title.length).toBeLessThanOrEqual(POST_LIMITS.titleMax);
    expect(post.title).toMatch(/^(word )+word…$/);
    expect(post.metaDescription).toMatch(/^An introduction to WordPress performance: what it is/);
    expect(post.metaDescription.length).toBeLessThanOrEqual(POST_LIMITS.descriptionMax);
    expect(post.tags).toEqual(['only']);
  });

  it('cuts a description at the last sentence that keeps half of it, else at a word', () => {
    expect(shortenDescription('Short enough.')).toBe('Short enough.');
    const sentences = `${'A first sentence that says something useful. '.repeat(3)}And a last one that runs past the limit of the meta description field.`;
    expect(shortenDescription(sentences)).toBe('A first sentence that says something useful. A first sentence that says something useful. A first sentence that says something useful.');
    const oneSentence = 'word '.repeat(60);
    expect(shortenDescription(oneSentence).length).toBeLessThanOrEqual(160);
    expect(shortenDescription(oneSentence)).toMatch(/word…$/);
  });
});
