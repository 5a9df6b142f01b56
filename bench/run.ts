/**
 * npm run bench: what the extension adds on top of the model's own time.
 *  1. A 3,000-word answer streamed by the test server into a new post in the real block editor, on
 *     each WordPress version of the test matrix: last byte → every field filled, first finished
 *     block sent → shown in the editor, and the editor page's main-thread tasks over 50 ms; the
 *     same answer over an existing post in the classic editor and in Elementor: their long tasks;
 *     and a 6,000-word post written from a 20-section outline: the extension's time per section.
 *  2. Bundle sizes, raw and gzip, and what PressPilot loads with every editor page.
 *  3. HTML to Markdown time per fixture post (tests/fixtures/, and the seeds in ../shared/seeds/
 *     when that folder is there), and a rewrite prompt's size in o200k tokens for the HTML as-is
 *     versus the Markdown we send.
 * Flags: --skip-browser (parts 2-4 only), BENCH_SOURCE=debian,7.1.0 (both by default), BENCH_RUNS=5,
 * BENCH_EDITORS=block,outlined,classic,elementor (all by default).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';
import { chromium, type Page } from 'playwright-core';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { htmlToMarkdown } from '../lib/content/html-to-markdown';
import { EXTENSION_DIR } from '../tests/support/extension';
import { isOutlineRequest, isSectionRequest, makeOutline, makePost, outlineAsJson, postAsJson, sectionHeading } from '../tests/support/openai-test-server';
import { FIXTURES, fixturePostHtml, repoRoot, SEEDS, seedPostHtml, seedsAvailable, seedsSkipReason } from '../tests/support/fixtures';
import { coreMissing, elementorFor, MATRIX, parseSource, type WordPressSource } from '../tests/support/matrix';
import { generateFromPopup, startEditorSuite, stopEditorSuite, waitForBlockEditor, waitForClassicEditor, waitForElementor, type EditorSuite } from '../tests/support/e2e-flow';
import { useClassicEditor } from '../tests/support/wordpress/login';
import { countWords, DEFAULT_CATEGORIES } from '../lib/generation/post';
import { buildRewriteMessages } from '../lib/generation/prompt';
import { WritingOptionsSchema } from '../lib/generation/writing';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

interface FillRun { lastByteToFilled: number; firstBlockVisible: number; longestTask: number; longTasks: number }

/**
 * The editor renders for a while after it is usable (7.1's first renders run 50-90 ms): a fill
 * starts once a second has passed without a long task, so that only the fill's own tasks count.
 */
async function editorSettled(editor: Page): Promise<void> {
  // A string: tsx would wrap named inner functions in a helper the page does not have.
  await editor.evaluate(`new Promise((resolve) => {
    let quiet;
    const observer = new PerformanceObserver(() => arm());
    function arm() {
      clearTimeout(quiet);
      quiet = setTimeout(() => { observer.disconnect(); resolve(); }, 1000);
    }
    observer.observe({ type: 'longtask', buffered: true });
    arm();
  })`);
}

/** From a settled editor on, every main-thread task over 50 ms on its page (and its preview frame). */
async function watchLongTasks(editor: Page): Promise<void> {
  await editorSettled(editor);
  await editor.evaluate(() => {
    const page = window as any;
    page.__longTasks = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) page.__longTasks.push({ at: performance.timeOrigin + entry.startTime, duration: entry.duration }); })
      .observe({ type: 'longtask', buffered: false });
  });
}

async function longTasksBetween(editor: Page, from: number, to: number): Promise<Pick<FillRun, 'longestTask' | 'longTasks'>> {
  const tasks = (await editor.evaluate(() => (window as any).__longTasks as Array<{ at: number; duration: number }>))
    .filter((task) => task.at >= from && task.at <= to);
  return { longestTask: Math.round(Math.max(0, ...tasks.map((task) => task.duration))), longTasks: tasks.length };
}

/**
 * The same answer streamed over an existing post in the classic editor or Elementor: the long
 * tasks on the editor page from the model request until the popup says the post is written.
 */
async function measureOtherEditor(suite: EditorSuite, kind: 'classic' | 'elementor', post: ReturnType<typeof makePost>, run: number): Promise<Pick<FillRun, 'longestTask' | 'longTasks'>> {
  const { site, server, browser, editor } = suite;
  await useClassicEditor(browser.context, site, kind === 'classic');
  const postId = await site.createPost({ title: 'An older post', content: '<!-- wp:paragraph -->\n<p>Its only paragraph.</p>\n<!-- /wp:paragraph -->' });
  await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=${kind === 'classic' ? 'edit' : 'elementor'}`);
  await (kind === 'classic' ? waitForClassicEditor(editor) : waitForElementor(editor));
  await watchLongTasks(editor);
  server.enqueue({ kind: 'post', post, chunkChars: 60, delayMs: 8 });
  const topic = `Benchmark ${kind} run ${run}`;
  const popup = await generateFromPopup(browser, editor, topic);
  const request = await server.waitForRequest((candidate) => candidate.path.endsWith('/chat/completions') && candidate.body.messages.some((message: any) => message.content.includes(topic)));
  await popup.page.getByText('Written into the editor').waitFor({ timeout: 120_000 });
  const tasks = await longTasksBetween(editor, request.receivedAt, Date.now());
  await popup.close();
  return tasks;
}

/**
 * One streamed generation into a new post, watched from the editor page: when its fields are all
 * filled, when the first block shows, and every main-thread task over 50 ms while it fills.
 */
async function measureFill(suite: EditorSuite, post: ReturnType<typeof makePost>, run: number): Promise<FillRun> {
  const { site, server, browser, editor } = suite;
  await editor.goto(`${site.url}/wp-admin/post-new.php`);
  await waitForBlockEditor(editor);
  await watchLongTasks(editor);
  const firstSentence = post.body.slice(0, 40);
  await editor.evaluate(({ title, firstSentence }) => {
    const { data } = (window as any).wp;
    const page = window as any;
    page.__firstBlockAt = new Promise((resolve) => {
      const stop = data.subscribe(() => {
        if (data.select('core/editor').getEditedPostContent().includes(firstSentence)) { stop(); resolve(Date.now()); }
      });
    });
    page.__filledAt = new Promise((resolve) => {
      const stop = data.subscribe(() => {
        if (data.select('core/editor').getEditedPostAttribute('title') === title && data.select('core/editor').getEditedPostAttribute('tags').length > 0 && !data.select('core/editor').isPostAutosavingLocked()) {
          stop();
          resolve(Date.now());
        }
      });
    });
  }, { title: post.title, firstSentence });
  server.enqueue({ kind: 'post', post, chunkChars: 60, delayMs: 8 });
  const popup = await generateFromPopup(browser, editor, `Benchmark run ${run}`);
  const request = await server.waitForRequest((candidate) => candidate.path.endsWith('/chat/completions') && candidate.body.messages.some((message: any) => message.content.includes(`Benchmark run ${run}`)));
  await request.done;
  const lastByteAt = request.sent.at(-1)!.at;
  const filledAt = await editor.evaluate(() => (window as any).__filledAt as Promise<number>);
  const firstBlockShownAt = await editor.evaluate(() => (window as any).__firstBlockAt as Promise<number>);
  // The first block is complete once the blank line after it has been sent.
  const answer = postAsJson(post);
  const firstBlockEnd = answer.indexOf('\\n\\n', answer.indexOf('"body"')) + 4;
  const firstBlockSentAt = request.sent.find((piece) => piece.chars >= firstBlockEnd)!.at;
  const tasks = await longTasksBetween(editor, request.receivedAt, filledAt + 200);
  await popup.close();
  await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').savePost());
  await editor.waitForFunction(() => !(window as any).wp.data.select('core/editor').isSavingPost());
  return {
    lastByteToFilled: filledAt - lastByteAt,
    firstBlockVisible: firstBlockShownAt - firstBlockSentAt,
    ...tasks,
  };
}

interface OutlinedRun { sections: number; words: number; perSection: number[]; lastByteToFilled: number; longestTask: number; longTasks: number }

/** A 20-section outline for a 6,000-word post: the planner's answer the bench stands in for. */
function benchOutline(topic: string) {
  // A category the prompt offers, as a planner's answer would have.
  const base = makeOutline(topic, [DEFAULT_CATEGORIES[2]!]);
  const sections = Array.from({ length: 20 }, (_, at) => ({ heading: `Part ${at + 1} of ${topic}`, level: 2 as const, covers: `Step ${at + 1}, in detail.`, extras: [] }));
  return { ...base, sections };
}

/**
 * A 6,000-word post written from its outline, a request per section, into the block editor. The
 * extension's own time per section is the gap between one section's last byte and the next
 * section's request reaching the server (reading the answer, the editor's update, the next prompt).
 */
async function measureOutlined(suite: EditorSuite, run: number): Promise<OutlinedRun> {
  const { site, server, browser, editor } = suite;
  const topic = `Outlined benchmark ${run}`;
  const outline = benchOutline(topic);
  server.respondWith((request) => {
    if (isOutlineRequest(request)) return { kind: 'text', text: outlineAsJson(outline) };
    const asked = isSectionRequest(request) ? sectionHeading(request) : undefined;
    // About 300 words a section, streamed as a model would.
    return asked ? { kind: 'text', text: `## ${asked.heading}\n\n${makePost({ words: 300, topic: asked.heading }).body.replace(/^#+ .*$/gm, '')}`, chunkChars: 60, delayMs: 8 } : undefined;
  });
  await editor.goto(`${site.url}/wp-admin/post-new.php`);
  await waitForBlockEditor(editor);
  await watchLongTasks(editor);
  await editor.evaluate((title) => {
    const { data } = (window as any).wp;
    (window as any).__filledAt = new Promise((resolve) => {
      const stop = data.subscribe(() => {
        const post = data.select('core/editor');
        if (post.getEditedPostAttribute('title') === title && post.getEditedPostAttribute('tags').length > 0 && !post.isPostAutosavingLocked()) { stop(); resolve(Date.now()); }
      });
    });
  }, outline.title);
  const popup = await browser.openPopup(editor);
  await popup.page.getByLabel('Topic').fill(topic);
  await popup.page.getByLabel('Length').selectOption('longform');
  await popup.page.getByRole('button', { name: 'Plan the outline' }).click();
  await popup.page.getByRole('button', { name: 'Write', exact: true }).click();
  const filledAt = await editor.evaluate(() => (window as any).__filledAt as Promise<number>);
  const sections = server.requests.filter((request) => isSectionRequest(request) && JSON.stringify(request.body.messages).includes(topic));
  const perSection = sections.slice(1).map((request, at) => request.receivedAt - sections[at]!.sent.at(-1)!.at);
  const words = countWords(await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostContent().replace(/<[^>]+>/g, ' ') as string));
  const tasks = await longTasksBetween(editor, sections[0]!.receivedAt, filledAt + 200);
  server.respondWith(null);
  await popup.close();
  await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').savePost());
  await editor.waitForFunction(() => !(window as any).wp.data.select('core/editor').isSavingPost());
  return { sections: sections.length, words, perSection, lastByteToFilled: filledAt - sections.at(-1)!.sent.at(-1)!.at, ...tasks };
}

const line = (label: string, values: number[], unit = ' ms') => console.log(`   ${label.padEnd(52)} median ${median(values)}${unit}   (runs: ${values.join(', ')})`);

const benchEditors = new Set((process.env.BENCH_EDITORS ?? 'block,outlined,classic,elementor').split(','));

async function fillLatency(source: WordPressSource): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const { dir: elementorDir, skipNote } = elementorFor(source);
  const suite = await startEditorSuite(source, { elementorDir });
  suite.editor.on('dialog', (dialog) => void dialog.accept());
  try {
    const post = makePost({ words: 3000 });
    console.log(`\n1. A ${countWords(post.body)}-word answer streamed into a new post in the block editor, WordPress ${suite.site.version} (${runs} runs)`);
    if (benchEditors.has('block')) {
      const results: FillRun[] = [];
      for (let run = 0; run < runs; run++) results.push(await measureFill(suite, post, run));
      line('last byte → every field filled', results.map((result) => result.lastByteToFilled));
      line('first complete block sent → shown in the editor', results.map((result) => result.firstBlockVisible));
      line('longest main-thread task while it fills', results.map((result) => result.longestTask));
      line('main-thread tasks over 50 ms while it fills', results.map((result) => result.longTasks), '');
    }
    if (benchEditors.has('outlined')) {
      const outlined: OutlinedRun[] = [];
      for (let run = 0; run < Math.min(runs, 3); run++) outlined.push(await measureOutlined(suite, run));
      console.log(`   outline first: ${outlined[0]!.sections} sections, ${outlined[0]!.words.toLocaleString('en')} words in the editor (${outlined.length} runs)`);
      line('  extension time per section (last byte → next request)', outlined.flatMap((result) => result.perSection));
      line('  last section\'s last byte → every field filled', outlined.map((result) => result.lastByteToFilled));
      line('  longest main-thread task while it writes', outlined.map((result) => result.longestTask));
      line('  main-thread tasks over 50 ms while it writes', outlined.map((result) => result.longTasks), '');
    }
    for (const kind of (['classic', 'elementor'] as const).filter((name) => benchEditors.has(name))) {
      if (kind === 'elementor' && !elementorDir) {
        console.log(`   Elementor: skipped${skipNote}`);
        continue;
      }
      const other: Array<Pick<FillRun, 'longestTask' | 'longTasks'>> = [];
      for (let run = 0; run < runs; run++) other.push(await measureOtherEditor(suite, kind, post, run));
      const name = kind === 'classic' ? 'classic editor' : 'Elementor';
      line(`${name}: longest main-thread task while it fills`, other.map((result) => result.longestTask));
      line(`${name}: main-thread tasks over 50 ms`, other.map((result) => result.longTasks), '');
    }
  } finally {
    await stopEditorSuite(suite);
  }
}

function bundleSizes(): void {
  console.log(`\n2. Bundle sizes (${path.relative(process.cwd(), EXTENSION_DIR)})`);
  const size = (files: string[]) => {
    const contents = files.map((file) => readFileSync(path.join(EXTENSION_DIR, file)));
    return { raw: contents.reduce((sum, buffer) => sum + buffer.length, 0), gzip: contents.reduce((sum, buffer) => sum + gzipSync(buffer, { level: 9 }).length, 0) };
  };
  const popupHtml = readFileSync(path.join(EXTENSION_DIR, 'popup.html'), 'utf8');
  const popupAssets = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  const groups: Array<[string, string[]]> = [
    ['content script (isolated world)', ['editor.js']],
    ['bridge (page world)', ['editor-bridge.js']],
    ['converters (injected for a job)', ['converters.js']],
    ['popup (html + js + css)', ['popup.html', ...popupAssets]],
    ['background', ['background.js']],
  ];
  for (const [label, files] of groups) {
    const { raw, gzip } = size(files);
    console.log(`   ${label.padEnd(34)} ${kb(raw).padStart(10)} raw ${kb(gzip).padStart(10)} gzip`);
  }
  const everyPage = size(['editor.js', 'editor-bridge.js']);
  console.log(`   loaded with every editor page (content script + bridge): ${kb(everyPage.gzip)} gzip (${kb(everyPage.raw)} raw)`);
  const total = readdirSync(EXTENSION_DIR, { recursive: true }).map(String).filter((file) => statSync(path.join(EXTENSION_DIR, file)).isFile());
  console.log(`   whole extension: ${kb(size(total).raw)} raw in ${total.length} files`);
}

function conversion(): void {
  const domParser = new new JSDOM('').window.DOMParser();
  const encoder = new Tiktoken(o200k);
  console.log('\n3. HTML → Markdown per document (median of 25 runs) and whole rewrite prompt in o200k tokens (HTML as-is vs our Markdown)');
  console.log(`   ${'document'.padEnd(34)} ${'convert'.padStart(9)} ${'HTML tok'.padStart(9)} ${'MD tok'.padStart(8)} ${'saved'.padStart(6)}`);
  const documents: Array<[string, () => string]> = [FIXTURES.elementorPost, FIXTURES.mangledMarkdownPost, FIXTURES.flattenedCode, FIXTURES.scrapedLesson]
    .map((name) => [name, () => fixturePostHtml(name)]);
  if (seedsAvailable) {
    for (const name of [SEEDS.elementorPost, SEEDS.mangledMarkdownPost, SEEDS.flattenedCode, SEEDS.scrapedLesson]) documents.push([`seed ${name}`, () => seedPostHtml(name)]);
  }
  for (const [name, read] of documents) {
    const html = read();
    const times: number[] = [];
    let markdown = '';
    for (let run = 0; run < 25; run++) {
      const start = performance.now();
      markdown = htmlToMarkdown(html, { domParser });
      times.push(performance.now() - start);
    }
    // The whole rewrite prompt the model gets, once with the HTML as-is and once with our Markdown.
    const promptTokens = (body: string) => encoder.encode(buildRewriteMessages({
      post: { title: 'Multithreading and Multiprocessing in Python', excerpt: '', tags: [], categories: [], markdown: body },
      instructions: '', presets: ['clarity'], options: WritingOptionsSchema.parse({}), siteCategories: [...DEFAULT_CATEGORIES], allowNewCategories: false, format: 'json',
    }).map((message) => message.content).join('\n')).length;
    const htmlTokens = promptTokens(html);
    const markdownTokens = promptTokens(markdown);
    console.log(`   ${name.padEnd(34)} ${`${median(times).toFixed(1)} ms`.padStart(9)} ${String(htmlTokens).padStart(9)} ${String(markdownTokens).padStart(8)} ${`${Math.round((1 - markdownTokens / htmlTokens) * 100)}%`.padStart(6)}`);
  }
  if (!seedsAvailable) console.log(`   seeds: ${seedsSkipReason}`);
}

/** About 1 MB each of the inputs that make parsers and regexes blow up. */
function adversarialInputs(): Array<[string, string]> {
  const megabyte = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(megabyte / unit.length)).slice(0, megabyte);
  return [
    ['nested <div> 50,000 deep', `${'<div>'.repeat(50_000)}deep${'</div>'.repeat(50_000)}`.slice(0, megabyte * 2)],
    ['unclosed <p><b><i><a> soup', fill('<p><b><i><a href="x">t ')],
    ['<a<a<a… with no >', fill('<a')],
    ['curly fences that never close', fill('<p>“`python</p><p>x = 1</p>')],
    ['orphan </p> with <p  openings', fill('<p x line</p>\n')],
    ['a line of spaces, then text', `<p>${' '.repeat(megabyte)}x</p>`],
    ['spaces in plain text', `${' '.repeat(megabyte)}x`],
    ['nested tables', fill('<table><tr><td>')],
    // Just under the caps (10,000 tags, 400 levels), where the full conversion still runs.
    ['9,999 tags, 400 levels of divs', `${'<div>'.repeat(400)}${'<p>x</p>'.repeat(9_599)}`],
    ['400 nested tables', '<table><tr><td>'.repeat(400)],
    ['400 levels of unclosed inline soup', '<p><b><i>x '.repeat(200)],
  ];
}

/**
 * Timed in Chromium, where the content script converts (its native DOMParser caps nesting the
 * way browsers do); jsdom, used by the unit tests, takes minutes on some of these.
 */
async function adversarial(): Promise<void> {
  const bundled = await build({ stdin: { contents: "import { htmlToMarkdown } from './lib/content/html-to-markdown'; (window as any).htmlToMarkdown = htmlToMarkdown;", resolveDir: repoRoot, loader: 'ts' }, bundle: true, write: false, format: 'iife', platform: 'browser' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundled.outputFiles[0]!.text });
    console.log('\n4. HTML → Markdown on ~1 MB adversarial inputs, in Chromium (median of 3 runs)');
    for (const [label, html] of adversarialInputs()) {
      const result = await page.evaluate(`(() => {
        const html = ${JSON.stringify(html)};
        const times = [];
        let length = 0;
        for (let run = 0; run < 3; run++) {
          const start = performance.now();
          length = window.htmlToMarkdown(html, { domParser: new DOMParser() }).length;
          times.push(performance.now() - start);
        }
        return { time: times.sort((a, b) => a - b)[1], length };
      })()`) as { time: number; length: number };
      console.log(`   ${label.padEnd(36)} ${kb(html.length).padStart(10)} → ${`${result.time.toFixed(0)} ms`.padStart(8)}  (${result.length.toLocaleString('en')} chars out)`);
    }
  } finally {
    await browser.close();
  }
}

bundleSizes();
conversion();
await adversarial();
if (!process.argv.includes('--skip-browser')) {
  // Both WordPress versions of the test matrix, where their builds are at hand.
  const sources = (process.env.BENCH_SOURCE ?? 'debian,7.1.0').split(',').map((value) => parseSource(value.trim()));
  for (const source of sources) {
    const missing = coreMissing(source);
    if (missing) console.log(`\n1. ${MATRIX[source].label}: skipped, ${missing}`);
    else await fillLatency(source);
  }
}
