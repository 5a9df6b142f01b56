/** Property-based: whatever a model or a page sends, parsing and conversion end in a value. */
import createDOMPurify from 'dompurify';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseAnswer, partialBody } from '../../lib/generation/answer';
import { bodyToHtml } from '../../lib/content/body';
import { htmlToMarkdown } from '../../lib/content/html-to-markdown';
import { parseLineFormat } from '../../lib/generation/line-format';
import { hardenPurify, markdownToBody } from '../../lib/content/markdown';
import { GeneratedPostSchema } from '../../lib/generation/post';
import { fixtureExampleAnswer, seedExampleAnswer, seedsAvailable, seedSuite } from '../support/fixtures';
import { findScriptVectors, XSS_VECTORS } from '../support/xss';

const window = new JSDOM('').window;
const purify = hardenPurify(createDOMPurify(window as never));
const domParser = new window.DOMParser();

/** Strings that look like model answers: pieces of real ones (`example`), JSON, line-format keys, noise. */
const answerPieces = (example: string) => fc.oneof(
  fc.string(),
  fc.constantFrom('TITLE:', 'META_DESCRIPTION:', 'TAGS:', 'CATEGORIES:', 'EndOFText', '{', '}', '"', '\\', '\\u12', '```', '\n', '{"title":', '"tags":[', ']'),
  fc.json(),
  fc.constant(example.slice(0, 300)),
  fc.constant(example.slice(-300)),
  fc.string({ unit: 'grapheme' }),
);
const answers = (example: string) => fc.array(answerPieces(example), { maxLength: 30 }).map((pieces) => pieces.join(''));
const answer = answers(fixtureExampleAnswer());

/** Parsing any answer ends in a valid post or a typed error, never an exception. */
function answerParsersTotal(text: string): void {
  const result = parseAnswer(text);
  if (result.ok) expect(GeneratedPostSchema.safeParse(result.post).success).toBe(true);
  else expect(result.problems.length).toBeGreaterThan(0);
  const lines = parseLineFormat(text);
  expect(typeof lines.ok).toBe('boolean');
  expect(typeof partialBody(text)).toBe('string');
}

/** HTML-ish input: tags from real posts, broken markup, entities, fences, text. */
const htmlPiece = fc.oneof(
  fc.constantFrom('<p>', '</p>', '<div class="elementor-widget">', '</div>', '<table>', '<tr>', '<td>', '</td>', '<pre><code class="language-py">', '</code></pre>',
    '<ul><li>', '</li></ul>', '<h2>', '</h2>', '<a href="https://x.example">', '</a>', '<span data-contrast="auto">', '“`python', '“`', '<br>', '&nbsp;', '&#8217;', '<!-- wp:paragraph -->', '<', '>', '</', '<p'),
  fc.constantFrom(...XSS_VECTORS),
  fc.string(),
);
const html = fc.array(htmlPiece, { maxLength: 60 }).map((pieces) => pieces.join(''));

// A few hundred generated cases each, through jsdom: seconds on a slow, loaded machine, so a budget
// well past vitest's 5 s default (fast-check's own limit on a run is its numRuns, not time).
describe('properties', { timeout: 60_000 }, () => {
  it('any string into the answer parsers gives a valid post or a typed error, never an exception', () => {
    fc.assert(fc.property(answer, answerParsersTotal), { numRuns: 400 });
  });

  it('any HTML converts to Markdown (a string) and carries no script URL out of the markup', () => {
    // Markdown links already written as text in a post pass through as the text they are.
    const markupOnly = fc.array(fc.oneof(htmlPiece.filter((piece) => !piece.includes('](') && !piece.includes(']:'))), { maxLength: 60 }).map((pieces) => pieces.join(''));
    fc.assert(fc.property(markupOnly, (input) => {
      const markdown = htmlToMarkdown(input, { domParser });
      expect(typeof markdown).toBe('string');
      expect(markdown).not.toMatch(/\]\(\s*(?:javascript|vbscript|data):/i);
    }), { numRuns: 300 });
  });

  it('any Markdown becomes blocks whose HTML runs no script', () => {
    fc.assert(fc.property(html, answer, (a, b) => {
      const blocks = markdownToBody(`${a}\n\n${b}`, purify);
      expect(findScriptVectors(bodyToHtml(blocks))).toEqual([]);
    }), { numRuns: 200 });
  });
});

describe.skipIf(!seedsAvailable)(seedSuite('properties: pieces of seed 000’s example answer'), { timeout: 60_000 }, () => {
  it('any string into the answer parsers gives a valid post or a typed error, never an exception', () => {
    fc.assert(fc.property(answers(seedExampleAnswer()), answerParsersTotal), { numRuns: 200 });
  });
});
