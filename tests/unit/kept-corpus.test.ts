/**
 * WordPress's own test content through a rewrite whose model changes nothing: read for a rewrite,
 * the Markdown as the answer, back to blocks. Every block, embed, line break, link and image of
 * every post must come back: kept blocks byte for byte, carried ones with the same lines and links.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BodyBlock } from '../../lib/content/body';
import { blockToHtml } from '../../lib/content/body';
import { topLevelPieces } from '../../lib/content/block-markup';
import { restorePlaceholders } from '../../lib/content/kept-answer';
import { readForRewrite, type HtmlKind } from '../../lib/content/kept-blocks';
import { hardenPurify, markdownToBody } from '../../lib/content/markdown';
import { CORPUS, corpusAvailable, corpusSuite, readCorpus } from '../support/fixtures';

/**
 * A window per post: jsdom keeps each document it makes in its window, and a window that made
 * thousands gets slower with each one (the whole corpus took minutes in one window).
 */
let window = new JSDOM('').window;
let domParser = new window.DOMParser();
let purify = hardenPurify(createDOMPurify(window as never));
function freshWindow(): void {
  window.close();
  window = new JSDOM('').window;
  domParser = new window.DOMParser();
  purify = hardenPurify(createDOMPurify(window as never));
}

interface Post { title: string; html: string; kind: HtmlKind }

/** The posts and pages of a WXR export, each as block markup or classic content. */
function wxrPosts(xml: string): Post[] {
  const document = domParser.parseFromString(xml, 'text/xml');
  return Array.from(document.getElementsByTagName('item')).flatMap((item) => {
    const field = (name: string) => item.getElementsByTagName(name)[0]?.textContent ?? '';
    if (!['post', 'page'].includes(field('wp:post_type').trim()) || !field('content:encoded').trim()) return [];
    const html = field('content:encoded');
    return [{ title: field('title'), html, kind: html.includes('<!-- wp:') ? 'block-markup' : 'classic' } as Post];
  });
}

function rewriteUnchanged(post: Post): { body: BodyBlock[]; summary: string } {
  const source = readForRewrite(post.html, post.kind, domParser);
  const { markdown, report } = restorePlaceholders(source.markdown, source.kept);
  return { body: markdownToBody(markdown, purify, undefined, source.kept), summary: report.summary };
}

/** Markup as a fragment of the window's own document (no new document each time). */
function parse(html: string): DocumentFragment {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content;
}
const hrefs = (html: string) => Array.from(parse(html).querySelectorAll('a[href]'), (link) => link.getAttribute('href')!);
const images = (html: string) => Array.from(parse(html).querySelectorAll('img[src]'), (image) => image.getAttribute('src')!);
const BLOCKS = 'p, li, td, th, pre, dd, dt, h1, h2, h3, h4, h5, h6, blockquote, figcaption, address';

/** The lines a reader sees: each block's text, split at its line breaks. */
function lines(html: string): string[] {
  const body = parse(html);
  body.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  body.querySelectorAll(BLOCKS).forEach((block) => {
    block.before('\n');
    block.append('\n');
  });
  return (body.textContent ?? '').split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Line breaks that show: a <br> with text after it in its block. */
const visibleBreaks = (html: string) => Array.from(parse(html).querySelectorAll(BLOCKS)).reduce((sum, block) => {
  if (block.querySelector(BLOCKS)) return sum;
  return sum + (block.innerHTML.replace(/(?:\s|<br\s*\/?>)+$/i, '').match(/<br\s*\/?>/gi)?.length ?? 0);
}, 0);


interface Tally { blocks: number; blocksBack: number; embeds: number; embedsBack: number; breaks: number; breaksBack: number; links: number; linksBack: number; images: number; imagesBack: number }
const tally = (): Tally => ({ blocks: 0, blocksBack: 0, embeds: 0, embedsBack: 0, breaks: 0, breaksBack: 0, links: 0, linksBack: 0, images: 0, imagesBack: 0 });
const EMBED = /<!-- wp:(?:core\/)?(?:embed|video|audio)\b|<(?:iframe|video|audio|object|embed)\b/;

const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

/** The line breaks, links and images of a block, and how many of them its result has, in order. */
function countMarks(counts: Tally, markup: string, back: string): void {
  counts.breaks += visibleBreaks(markup);
  counts.breaksBack += Math.min(visibleBreaks(markup), visibleBreaks(back));
  counts.links += hrefs(markup).length;
  counts.linksBack += same(hrefs(markup), hrefs(back)) ? hrefs(markup).length : 0;
  counts.images += images(markup).length;
  counts.imagesBack += same(images(markup), images(back)) ? images(markup).length : 0;
}

/** Each top-level block back as the same kept fragment, or as a block with its lines, links and images. */
function checkBlockPost(post: Post, body: BodyBlock[], counts: Tally): string[] {
  const problems: string[] = [];
  let next = 0;
  for (const piece of topLevelPieces(post.html)) {
    const markup = piece.name === null ? piece.markup.trim() : piece.markup;
    const visible = lines(markup).length > 0 || images(markup).length > 0 || piece.name !== 'core/paragraph';
    if (!markup || !visible) continue;
    counts.blocks++;
    const embed = EMBED.test(markup);
    counts.embeds += embed ? 1 : 0;
    const block = body[next];
    if (block?.type === 'kept' && block.html === markup) {
      next++;
      counts.blocksBack++;
      counts.embedsBack += embed ? 1 : 0;
      countMarks(counts, markup, block.html);
      continue;
    }
    if (embed || block === undefined || block.type === 'kept') {
      problems.push(`${post.title}: ${piece.name} did not come back`);
      continue;
    }
    next++;
    const back = blockToHtml(block);
    counts.blocksBack += same(lines(markup), lines(back)) ? 1 : (problems.push(`${post.title}: ${piece.name} lines ${JSON.stringify(lines(markup))} came back as ${JSON.stringify(lines(back))}`), 0);
    countMarks(counts, markup, back);
  }
  if (next !== body.length) problems.push(`${post.title}: ${body.length - next} blocks more than the post had`);
  return problems;
}

/**
 * Classic content has no blocks to line up: its embeds, shortcodes and scripts must be in kept
 * fragments, its text lines (a line of the source with no markup) must each be a line of the
 * result, and its links and images must all be there.
 */
function checkClassicPost(post: Post, body: BodyBlock[], counts: Tally): string[] {
  const problems: string[] = [];
  const html = body.map(blockToHtml).join('\n');
  const kept = body.flatMap((block) => (block.type === 'kept' ? [block.html] : [])).join('\n');
  const embeds = post.html.match(/<(?:iframe|video|audio|object|embed|script|form)\b[^>]*>|^\[[a-z][\w-]*\b[^\]\n]*\]|<!--(?:more|nextpage)-->|^https?:\/\/\S+$/gim) ?? [];
  counts.embeds += embeds.length;
  counts.embedsBack += embeds.filter((embed) => kept.includes(embed.replace(/>$/, ''))).length;
  const sourceLines = post.html.split('\n').map((line) => line.trim())
    .filter((line) => line && !/[<>[\]]/.test(line) && !/^https?:/.test(line) && lines(`<p>${line}</p>`).length > 0);
  const resultLines = new Set(lines(html));
  counts.breaks += sourceLines.length;
  const missing = sourceLines.filter((line) => !resultLines.has(lines(`<p>${line}</p>`)[0]!));
  counts.breaksBack += sourceLines.length - missing.length;
  if (missing.length) problems.push(`${post.title}: lines not back: ${JSON.stringify(missing.slice(0, 3))}`);
  const sorted = (values: string[]) => [...values].sort();
  counts.links += hrefs(post.html).length;
  counts.linksBack += JSON.stringify(sorted(hrefs(post.html))) === JSON.stringify(sorted(hrefs(html))) ? hrefs(post.html).length : 0;
  counts.images += images(post.html).length;
  counts.imagesBack += JSON.stringify(sorted(images(post.html))) === JSON.stringify(sorted(images(html))) ? images(post.html).length : 0;
  return problems;
}

function roundTripAll(posts: Post[]): { counts: Tally; problems: string[] } {
  const counts = tally();
  const problems: string[] = [];
  for (const post of posts) {
    freshWindow();
    const { body, summary } = rewriteUnchanged(post);
    if (summary) problems.push(`${post.title}: ${summary}`);
    problems.push(...(post.kind === 'block-markup' ? checkBlockPost(post, body, counts) : checkClassicPost(post, body, counts)));
  }
  return { counts, problems };
}

// Some 150 posts through jsdom, twice each: seconds on a loaded two-core machine, so a budget far past vitest's 5 s.
describe.skipIf(!corpusAvailable)(corpusSuite('a rewrite that changes nothing gives back every block of WordPress’s test content'), { timeout: 180_000 }, () => {
  let blockPosts: Post[] = [];
  let classicPosts: Post[] = [];
  beforeAll(() => {
    const fixtures = (JSON.parse(readCorpus(CORPUS.gutenbergFixtures)) as { fixtures: Array<{ name: string; html: string }> }).fixtures
      .map((fixture) => ({ title: fixture.name, html: fixture.html, kind: 'block-markup' as const }));
    const exported = [...wxrPosts(readCorpus(CORPUS.themeUnitTest)), ...wxrPosts(readCorpus(CORPUS.blockTestData))];
    blockPosts = [...fixtures, ...exported.filter((post) => post.kind === 'block-markup')];
    classicPosts = exported.filter((post) => post.kind === 'classic');
  }, 60_000);

  it('block markup: every block, embed, line break, link and image', () => {
    const { counts, problems } = roundTripAll(blockPosts);
    expect(problems).toEqual([]);
    // Enough of each to mean something (the corpus as stored has more).
    expect(blockPosts.length).toBeGreaterThan(70);
    expect(counts).toMatchObject({ blocksBack: counts.blocks, embedsBack: counts.embeds, breaksBack: counts.breaks, linksBack: counts.links, imagesBack: counts.images });
    expect(counts.blocks).toBeGreaterThan(1000);
    expect(Math.min(counts.embeds, counts.breaks, counts.links, counts.images)).toBeGreaterThan(10);
  });

  it('classic content: every embed, shortcode and script kept, every line, link and image back', () => {
    const { counts, problems } = roundTripAll(classicPosts);
    expect(problems).toEqual([]);
    expect(classicPosts.length).toBeGreaterThan(40);
    expect(counts).toMatchObject({ embedsBack: counts.embeds, breaksBack: counts.breaks, linksBack: counts.links, imagesBack: counts.images });
    expect(Math.min(counts.embeds, counts.breaks, counts.links, counts.images)).toBeGreaterThan(10);
  });
});
