/**
 * An existing post's HTML as clean Markdown for a rewrite: turndown with the GFM plugin (tables),
 * plus rules for what real posts carry: Elementor wrappers and Word noise, block-editor markup,
 * code fences a CMS turned into curly-quoted paragraphs, and plain text with no HTML at all.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';

const DROPPED = 'script, style, noscript, template, svg, math, iframe, object, embed, form, button, input, select, textarea, link, meta';

/** A fence written by a CMS: ``` or curly quotes (“`python, ‘‘‘) at the start of a paragraph. */
const FENCE = /^\s*(?:```|[“”‘’"]`{1,2}|‘‘‘|’’’|´´´)\s*([\w+#.-]*)\s*$/;
const FENCE_OPEN = /^\s*(?:```|[“”‘’"]`{1,2}|‘‘‘|’’’|´´´)\s*([\w+#.-]*)/;

function languageOf(element: Element | null): string {
  if (!element) return '';
  const fromClass = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(element.getAttribute('class') ?? '')?.[1];
  return fromClass ?? element.getAttribute('lang') ?? element.getAttribute('data-language') ?? '';
}

function textWithBreaks(element: Element): string {
  // <br> inside a paragraph is a line of code; everything else is its text.
  let text = '';
  element.childNodes.forEach((node) => {
    if (node.nodeName === 'BR') text += '\n';
    else if (node.nodeType === 1) text += textWithBreaks(node as Element);
    else text += node.textContent ?? '';
  });
  return text;
}

/** Turns runs of paragraphs between mangled fences back into one <pre><code>. */
function recoverMangledFences(document: Document): void {
  const paragraphs = Array.from(document.body.querySelectorAll('p'));
  for (let index = 0; index < paragraphs.length; index++) {
    const first = paragraphs[index]!;
    if (!first.isConnected) continue;
    const firstText = textWithBreaks(first);
    const open = FENCE_OPEN.exec(firstText.split('\n')[0] ?? '');
    if (!open) continue;
    const language = open[1] ?? '';
    const lines: string[] = firstText.split('\n').slice(1);
    const consumed: Element[] = [first];
    let closed = lines.length > 0 && FENCE.test(lines.at(-1) ?? '') ? (lines.pop(), true) : false;
    for (let next = index + 1; !closed && next < paragraphs.length; next++) {
      const paragraph = paragraphs[next]!;
      const text = textWithBreaks(paragraph);
      const parts = text.split('\n');
      // A paragraph break inside the fence was a blank line of the code.
      if (lines.length > 0) lines.push('');
      const closeAt = parts.findIndex((line) => /^\s*(?:```|[“”‘’"]`{1,2}|‘‘‘|’’’)\s*$/.test(line));
      consumed.push(paragraph);
      if (closeAt >= 0) {
        lines.push(...parts.slice(0, closeAt));
        closed = true;
        index = next;
      } else {
        lines.push(...parts);
      }
    }
    // No close after this opener means none after any later one either: stop (linear, not n²).
    if (!closed) break;
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    if (language) code.className = `language-${language}`;
    // Smart quotes inside code are the CMS's doing too: `print(“Hi”)` was `print("Hi")`.
    code.textContent = lines.join('\n').replace(/\u00a0/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\n+$/, '');
    pre.appendChild(code);
    first.replaceWith(pre);
    consumed.slice(1).forEach((element) => element.remove());
  }
}

const BLOCK_TAG = /<\/?(?:h[1-6]|ul|ol|li|table|pre|blockquote|div|section|figure)\b/i;

/**
 * Some CMS exports keep each paragraph's `</p>` but lose its `<p>` (seed 002). The browser would
 * run all of it into one text node; rebuild the paragraphs, their lines as line breaks.
 */
function repairOrphanParagraphCloses(html: string): string {
  const closes = html.match(/<\/p\s*>/gi)?.length ?? 0;
  const opens = html.match(/<p[\s>]/gi)?.length ?? 0;
  if (closes <= opens) return html;
  return html.replace(/<p(?:\s[^<>]*)?>/gi, '').split(/<\/p\s*>/i).map((chunk) => {
    if (BLOCK_TAG.test(chunk) || !chunk.trim()) return chunk;
    const lines = chunk.split(/\r?\n/).filter((line) => line.trim());
    return `<p>${lines.join('<br>')}</p>`;
  }).join('\n');
}

function clean(document: Document): void {
  document.querySelectorAll(DROPPED).forEach((element) => element.remove());
  // Never carry a script URL into the Markdown: a link keeps its words, an image its alt text.
  const isScriptUrl = (url: string | null) => /^(?:javascript|vbscript|data):/i.test((url ?? '').replace(/[\u0000-\u0020]+/g, ''));
  document.querySelectorAll('a[href]').forEach((link) => {
    if (isScriptUrl(link.getAttribute('href'))) link.replaceWith(document.createTextNode(link.textContent ?? ''));
  });
  document.querySelectorAll('img').forEach((image) => {
    if (isScriptUrl(image.getAttribute('src'))) image.replaceWith(document.createTextNode(image.getAttribute('alt') ?? ''));
  });
  document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach((heading) => {
    if (!(heading.textContent ?? '').trim()) heading.remove();
  });
  normalizeTables(document);
  recoverMangledFences(document);
}

/**
 * Layout tables (one cell wrapping the real table, as page builders make) give way to what they
 * hold, and a data table without header cells gets its first row as the header, so the GFM
 * table has real column names instead of an empty header row.
 */
function normalizeTables(document: Document): void {
  document.querySelectorAll('table').forEach((table) => {
    const cells = Array.from(table.querySelectorAll(':scope > tr > td, :scope > tbody > tr > td, :scope > thead > tr > td'));
    if (cells.length === 1 && cells[0]!.querySelector('table')) table.replaceWith(...Array.from(cells[0]!.childNodes));
  });
  // Tables holding a header cell or another table, found bottom-up in one pass (not n² lookups).
  const keepAsIs = new Set<Element>();
  document.querySelectorAll('th, table').forEach((element) => {
    const owner = element.parentElement?.closest('table');
    if (owner) keepAsIs.add(owner);
  });
  document.querySelectorAll('table').forEach((table) => {
    if (keepAsIs.has(table)) return;
    const firstRow = table.querySelector('tr');
    firstRow?.querySelectorAll(':scope > td').forEach((cell) => {
      const header = document.createElement('th');
      header.append(...Array.from(cell.childNodes));
      cell.replaceWith(header);
    });
  });
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
  });
  service.use(gfm);
  // Code blocks keep their language wherever the markup put it (pre, code, lang attribute).
  service.addRule('codeWithLanguage', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const pre = node as HTMLElement;
      const code = pre.querySelector('code');
      const language = languageOf(code) || languageOf(pre);
      const text = (code ?? pre).textContent ?? '';
      const fence = text.includes('```') ? '~~~' : '```';
      return `\n\n${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}\n\n`;
    },
  });
  return service;
}

let turndown: TurndownService | undefined;

const MAX_TAGS = 10_000;
/** Real posts nest a few dozen deep (Elementor's wrappers included); the cost grows with depth. */
const MAX_DEPTH = 400;
/** Void elements and those whose end tag HTML lets authors leave out: they do not deepen a tree. */
const SHALLOW_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'option', 'optgroup', 'rt', 'rp']);

/** How deep the markup nests at most, from one linear pass over its tags. */
function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [tag, close, name] of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)[^<>]*>/gi)) {
    if (SHALLOW_ELEMENTS.has(name!.toLowerCase()) || tag.endsWith('/>')) continue;
    if (close) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/** The words of any markup, in linear time. */
function textOnly(html: string): string {
  const text = html.replace(/<[^<>]*>?/g, ' ').replace(/[ \t]{2,}/g, ' ').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return tidyLines(text);
}

/**
 * Trailing blanks off every line and at most one empty line in a row. Line by line, as a
 * `[ \t]+$` regex backtracks quadratically over a long run of spaces inside a line.
 */
function tidyLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function htmlToMarkdown(html: string, options: { domParser: DOMParser }): string {
  // `[^<>]*` stops at the next `<`: a megabyte of `<a<a<a` is scanned once, not once per `<`.
  if (!/<\/?[a-z][^<>]*>/i.test(html)) return tidyLines(html); // Text without HTML is Markdown-ish already: keep its lines.
  // Real posts have hundreds of tags, a few dozen deep; ten thousand tags, or hundreds of levels,
  // is markup that would stall even the browser's own parser, so only its words are kept.
  if ((html.match(/<[a-z]/gi)?.length ?? 0) > MAX_TAGS || nestingDepth(html) > MAX_DEPTH) return textOnly(html);
  try {
    const document = options.domParser.parseFromString(repairOrphanParagraphCloses(html), 'text/html');
    clean(document);
    turndown ??= createTurndown();
    return tidyLines(turndown.turndown(document.body).replace(/\u00a0/g, ' '));
  } catch {
    // Markup no parser survives (nesting deeper than the stack): the user still gets their words.
    return textOnly(html);
  }
}
