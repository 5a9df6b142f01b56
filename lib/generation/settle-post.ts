/**
 * A post whose body is fine is never written again for a form problem. Soft limits (title and
 * description length, tag and category counts, categories not offered) are fixed here where a fix
 * keeps the meaning: a title's part before its subtitle, a description cut at a sentence or word,
 * the first tags and categories, a category matched to the site's spelling. What cannot be fixed
 * that way is named, to be asked for alone in one small follow-up; after that, `lastResort`
 * settles it without the model.
 */
import type { DraftPost } from './answer';
import { GeneratedPostSchema, POST_LIMITS, type GeneratedPost } from './post';

export type SoftField = 'title' | 'metaDescription' | 'tags' | 'categories';
export interface CategoryRule { choices: string[]; allowNew: boolean }

const key = (name: string) => name.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => !seen.has(key(value)) && Boolean(seen.add(key(value))));
}

/** The title's part before a subtitle separator, when that part is a title on its own. */
function shortenTitle(title: string): string | undefined {
  if (title.length <= POST_LIMITS.titleMax) return title;
  const head = /^(.{20,}?)\s*(?::|\s[-–—|]\s)/u.exec(title)?.[1]?.trim();
  return head && head.length <= POST_LIMITS.titleMax ? head : undefined;
}

/** The SEO title: the model's, else the title, within what search results show. */
function fitSeoTitle(seoTitle: string, title: string): string {
  const chosen = (seoTitle || title).replace(/\s+/g, ' ').trim();
  if (chosen.length <= POST_LIMITS.seoTitleMax) return chosen;
  const head = /^(.{20,}?)\s*(?::|\s[-–—|]\s)/u.exec(chosen)?.[1]?.trim();
  if (head && head.length <= POST_LIMITS.seoTitleMax) return head;
  const cut = chosen.slice(0, POST_LIMITS.seoTitleMax + 1);
  return cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : POST_LIMITS.seoTitleMax).replace(/[\s,;:–-]+$/, '');
}

/** Cut at the last sentence end that leaves a useful description, else at a word, with an ellipsis. */
export function shortenDescription(description: string, max: number = POST_LIMITS.descriptionMax): string {
  const clean = description.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const sentences = [...clean.slice(0, max + 1).matchAll(/[.!?](?=\s|$)/g)].map((match) => match.index! + 1);
  const sentenceEnd = sentences.filter((end) => end <= max && end >= max / 2).at(-1);
  if (sentenceEnd) return clean.slice(0, sentenceEnd);
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:–-]+$/, '')}…`;
}

/**
 * Categories as the site spells them, the offered ones first. Ones it does not offer stay (after
 * them) for the editor to create or to report as skipped; with none offered and none allowed,
 * the model is asked to choose again.
 */
function pickCategories(categories: string[], rule: CategoryRule): { categories: string[]; fits: boolean } {
  const offered = new Map(rule.choices.map((name) => [key(name), name]));
  const names = unique(categories.map((name) => offered.get(key(name)) ?? name));
  const known = names.filter((name) => offered.has(key(name)));
  const picked = [...known, ...names.filter((name) => !offered.has(key(name)))].slice(0, POST_LIMITS.categoriesMax);
  return { categories: picked, fits: picked.length >= POST_LIMITS.categoriesMin && (rule.allowNew || known.length > 0) };
}

/** Fixes what can be fixed safely; names the fields that need the model once more. */
export function settleFields(draft: DraftPost, rule: CategoryRule): { post: DraftPost; ask: SoftField[] } {
  const title = draft.title ? shortenTitle(draft.title) : undefined;
  const tags = unique(draft.tags.filter((tag) => tag.length <= POST_LIMITS.termMax)).slice(0, POST_LIMITS.tagsMax);
  const { categories, fits } = pickCategories(draft.categories, rule);
  const post: DraftPost = {
    title: title ?? draft.title,
    metaDescription: draft.metaDescription ? shortenDescription(draft.metaDescription) : '',
    seoTitle: fitSeoTitle(draft.seoTitle, title ?? draft.title),
    // The focus keyphrase: the model's, else the first tag, which names the topic.
    focusKeywords: unique([...draft.focusKeywords.filter((phrase) => phrase.length <= POST_LIMITS.termMax), ...(draft.focusKeywords.length ? [] : tags.slice(0, 1))]).slice(0, POST_LIMITS.keywordsMax),
    tags,
    categories,
    body: draft.body,
  };
  const ask: SoftField[] = [];
  if (!title) ask.push('title');
  if (!post.metaDescription) ask.push('metaDescription');
  if (tags.length < POST_LIMITS.tagsMin) ask.push('tags');
  if (!fits) ask.push('categories');
  return { post, ask };
}

/** The follow-up's answer merged in: each asked field it got right replaces the draft's. */
export function mergeFollowUp(post: DraftPost, answer: Partial<Record<SoftField, unknown>>, asked: SoftField[], rule: CategoryRule): DraftPost {
  const given = (field: SoftField) => (asked.includes(field) ? answer[field] : undefined);
  const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const asList = (value: unknown) => (Array.isArray(value) ? value.map(asText).filter(Boolean) : []);
  const { post: fixed } = settleFields({
    title: asText(given('title')) || post.title,
    metaDescription: asText(given('metaDescription')) || post.metaDescription,
    seoTitle: post.seoTitle,
    focusKeywords: post.focusKeywords,
    tags: unique([...post.tags, ...asList(given('tags'))]),
    // A follow-up's own choice of categories comes first: it was asked because the first did not fit.
    categories: unique([...asList(given('categories')), ...post.categories]),
    body: post.body,
  }, rule);
  return fixed;
}

function plainText(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, ' ').replace(/^#+\s.*$/gm, ' ').replace(/[*_`>#|[\]]|\(https?:[^)]*\)/g, '').replace(/\s+/g, ' ').trim();
}

/** Settles what the follow-up left unfit without the model: the post goes in, the form bends. */
export function lastResort(post: DraftPost): GeneratedPost {
  const firstHeading = /^#{1,3}\s+(.+)$/m.exec(post.body)?.[1];
  const title = shortenTitle(post.title) ?? shortenDescription(post.title || firstHeading || plainText(post.body), POST_LIMITS.titleMax);
  const metaDescription = post.metaDescription || shortenDescription(plainText(post.body));
  return GeneratedPostSchema.parse({ ...post, title, metaDescription, seoTitle: post.seoTitle || fitSeoTitle('', title) });
}
