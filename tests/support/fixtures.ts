/**
 * Test documents. The project's own fixtures (tests/fixtures/) are what the tests assert on; the
 * seed documents in ../shared/seeds/, when that folder is beside the checkout, are an extra corpus
 * whose tests are reported as skipped, with the reason in their name, when it is not.
 * PRESSPILOT_SEEDS_DIR points at another seeds folder (or at none, to check the skipping).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(repoRoot, 'tests/fixtures');

/** The fixtures, each reproducing the structure of one seed (see tests/fixtures/README.md). */
export const FIXTURES = {
  /** Like seed 001: a REST post object whose content is an Elementor page. */
  elementorPost: 'elementor-home-network.json',
  /** Like seed 002: a REST post object that is not valid JSON, Markdown mangled by a CMS. */
  mangledMarkdownPost: 'mangled-markdown-sourdough.txt',
  /** Like seed 003: Markdown-ish text whose code examples were flattened onto single lines. */
  flattenedCode: 'flattened-code-port-check.md',
  /** Like seed 004: a lesson scraped to text, with site chrome and broken code. */
  scrapedLesson: 'scraped-lesson-js-promises.txt',
  /** Like seed 000's example answer: a model answer in the line format, ending with EndOFText. */
  lineFormatAnswer: 'line-format-answer-wifi.txt',
} as const;

const seedsOverride = process.env.PRESSPILOT_SEEDS_DIR;
export const seedsDir = path.resolve(seedsOverride || path.join(repoRoot, '../shared/seeds'));
export const seedsAvailable = existsSync(seedsDir);
/** Why the seed tests did not run, for their names: the corpus is optional. */
export const seedsSkipReason = seedsOverride
  ? `skipped: PRESSPILOT_SEEDS_DIR=${seedsOverride} does not exist (the seeds are an extra corpus, optional)`
  : 'skipped: ../shared/seeds is not beside this checkout (an extra corpus, optional)';
/** A seed suite's name, with the reason it is skipped when it is: `describe.skipIf(!seedsAvailable)(seedSuite(...))`. */
export const seedSuite = (name: string): string => (seedsAvailable ? name : `${name} — ${seedsSkipReason}`);

const corpusOverride = process.env.PRESSPILOT_CORPUS_DIR;
/** Public WordPress test content (../shared/external-corpus/), another optional corpus, skipped like the seeds when absent. */
export const corpusDir = path.resolve(corpusOverride || path.join(repoRoot, '../shared/external-corpus'));
export const corpusAvailable = existsSync(corpusDir);
export const corpusSkipReason = corpusOverride
  ? `skipped: PRESSPILOT_CORPUS_DIR=${corpusOverride} does not exist (the external corpus is optional)`
  : 'skipped: ../shared/external-corpus is not beside this checkout (an extra corpus, optional)';
/** `describe.skipIf(!corpusAvailable)(corpusSuite(...))`, as seedSuite. */
export const corpusSuite = (name: string): string => (corpusAvailable ? name : `${name} — ${corpusSkipReason}`);

/** The files of the external corpus the tests read. */
export const CORPUS = {
  /** WordPress's theme unit test data: a WXR export, classic posts and a few block posts in `<content:encoded>`. */
  themeUnitTest: 'themeunittestdata.wordpress.xml',
  /** A WXR export of posts made of core blocks, one or more of each of 64 kinds. */
  blockTestData: '64-block-test-data.xml',
  /** Gutenberg's block fixtures: `{ fixtures: [{ name, html }] }`, one serialized block each. */
  gutenbergFixtures: 'gutenberg-fixtures.json',
} as const;

export function readCorpus(name: string): string {
  return readFileSync(path.join(corpusDir, name), 'utf8');
}

/** The seed documents the tests know (../shared/seeds/README.md says what each is). */
export const SEEDS = {
  lineFormatPrompt: '000_0617b34071dd0a86.txt',
  elementorPost: '001_b65ef3ffb9de1439.txt',
  mangledMarkdownPost: '002_c5bd88c2185bf359.txt',
  flattenedCode: '003_893b3242530cb7d7.txt',
  scrapedLesson: '004_ad8a04315e3d9e10.txt',
} as const;

export function readFixture(name: string): string {
  return readFileSync(path.join(fixturesDir, name), 'utf8');
}

export function readSeed(name: string): string {
  return readFileSync(path.join(seedsDir, name), 'utf8');
}

const CONTENT_KEY = '"content":{"rendered":"';

/**
 * `content.rendered` of a stored REST post (`/wp-json/wp/v2/posts/ID`). Some are not valid JSON
 * (raw newlines in strings, no closing brace), so the string is read by hand; a document that is
 * no REST post (plain text) comes back as it is.
 */
export function restPostHtml(text: string): string {
  const start = text.indexOf(CONTENT_KEY);
  if (start === -1) return text;
  const from = start + CONTENT_KEY.length;
  const end = text.indexOf('","protected"', from);
  const raw = text.slice(from, end === -1 ? undefined : end);
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '/': '/', '"': '"', '\\': '\\' } as Record<string, string>)[escape] ?? escape;
  });
}

export const fixturePostHtml = (name: string): string => restPostHtml(readFixture(name));
export const seedPostHtml = (name: string): string => restPostHtml(readSeed(name));

/** A line-format answer from its `TITLE:` line on (seed 000 has the prompt before it). */
export function answerFrom(text: string, titleLine = 'TITLE:'): string {
  if (text.startsWith(titleLine)) return text;
  const at = text.indexOf(`\n${titleLine}`);
  if (at === -1) throw new Error(`no "${titleLine}" line in the document`);
  return text.slice(at + 1);
}

/** The fixture's model answer in the line format. */
export const fixtureExampleAnswer = (): string => answerFrom(readFixture(FIXTURES.lineFormatAnswer));
/** Seed 000 holds the prompt, then the example answer starting at its TITLE: line. */
export const seedExampleAnswer = (): string => answerFrom(readSeed(SEEDS.lineFormatPrompt), 'TITLE: A Comprehensive');
