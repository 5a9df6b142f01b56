/**
 * An existing post's HTML as clean Markdown for a rewrite: turndown with the GFM plugin (tables),
 * plus rules for what real posts carry: Elementor wrappers and Word noise, block-editor markup,
 * code fences a CMS turned into curly-quoted paragraphs, and plain text with no HTML at all.
 * What Markdown cannot carry is dropped here; kept-blocks.ts keeps it instead, as placeholders.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';
import { autop } from './autop';
import { markerId, placeholder } from './placeholder';

const DROPPED = 'script, style, noscript, template, svg, math, iframe, object, embed, form, button, input, select, textarea, link, meta';

/** A fence written by a CMS: ``` or curly quotes (“`python, ‘‘‘) at the start of a paragraph. */
const FENCE = /^\s*(?:```|[“”‘’"]`{1,2}|‘‘‘|’’’|´´´)\s*([\w+#.-]*)\s*$/;
const FENCE_OPEN = /^\s*(?:```|[“”‘’"]`{1,2}|‘‘‘|’’’|´´´)\s*([\w+#.-]*)/;

function languageOf(element: Element | null): string {
  if (!element) return '';
  const fromClass = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(element.getAttribute('class') ?? '')?.[1];
  return fromClass ?? element.getAttribute('lang') ?? element.getAttribute('data-language') ?? '';
}

export function textWithBreaks(element: Element): string {
  // <br> inside a paragraph or a <pre> is a line of code; everything else is its text.
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

/** A button is its label in running text; the form around a real one is gone by then. */
function buttonsAsText(document: Document): void {
  document.querySelectorAll('button').forEach((button) => button.replaceWith(document.createTextNode(` ${button.textContent ?? ''} `)));
}

const BLOCK_LEVEL = new Set(['P', 'DIV', 'LI', 'TD', 'TH', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'ADDRESS', 'DD', 'DT', 'FIGCAPTION', 'SECTION', 'ARTICLE', 'BODY']);

/** A `<br>` that ends its block shows nothing, and as Markdown's `\` it would show a backslash. */
function isTrailingBreak(node: Node): boolean {
  for (let current: Node | null = node; current && !BLOCK_LEVEL.has(current.nodeName); current = current.parentNode) {
    for (let next = current.nextSibling; next; next = next.nextSibling) {
      if (next.nodeType === 1 || (next.nodeType === 3 && (next.textContent ?? '').trim())) return false;
    }
  }
  return true;
}

/** Line breaks Markdown can say: in running text, not at a block's end, not in a heading (one line). */
function tidyBreaks(document: Document): void {
  document.querySelectorAll('br').forEach((br) => {
    if (br.closest('pre')) return;
    if (br.closest('h1, h2, h3, h4, h5, h6')) br.replaceWith(document.createTextNode(' '));
    else if (isTrailingBreak(br)) br.remove();
  });
}

function clean(document: Document): void {
  buttonsAsText(document);
  document.querySelectorAll(DROPPED).forEach((element) => element.remove());
  tidyBreaks(document);
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
  promoteHeaderRows(document);
  recoverMangledFences(document);
}

/** Layout tables (one cell wrapping the real table, as page builders make) give way to what they hold. */
function unwrapLayoutTables(document: Document): void {
  document.querySelectorAll('table').forEach((table) => {
    const cells = Array.from(table.querySelectorAll(':scope > tr > td, :scope > tbody > tr > td, :scope > thead > tr > td'));
    if (cells.length === 1 && cells[0]!.querySelector('table')) table.replaceWith(...Array.from(cells[0]!.childNodes));
  });
}

/**
 * A data table without header cells gets its first row as the header, so the GFM table has real
 * column names instead of an empty header row.
 */
function promoteHeaderRows(document: Document): void {
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

/** Set on a list right after another: Markdown would run the two into one unless their markers differ. */
const OTHER_MARKER = 'data-presspilot-other-marker';
export const useOtherListMarker = (list: Element): void => list.setAttribute(OTHER_MARKER, '');

/** Turndown's list item, with `*` or `1)` as the marker of a list that must not join the one before it. */
function listItem(content: string, node: Node, options: TurndownService.Options): string {
  const list = node.parentNode as Element;
  const other = list.hasAttribute(OTHER_MARKER);
  let prefix = `${other ? '*' : options.bulletListMarker}   `;
  if (list.nodeName === 'OL') {
    const start = list.getAttribute('start');
    const index = Array.prototype.indexOf.call(list.children, node);
    prefix = `${start ? Number(start) + index : index + 1}${other ? ')' : '.'}  `;
  }
  const isParagraph = /\n$/.test(content);
  const body = content.replace(/^\n+/, '').replace(/\n+$/, '') + (isParagraph ? '\n' : '');
  return prefix + body.replace(/\n/gm, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    strongDelimiter: '**',
    hr: '---',
    // A backslash hard break: the two trailing spaces of turndown's default are trimmed away.
    br: '\\',
  });
  service.use(gfm);
  // Inline marks Markdown has no syntax for pass as HTML, which the way back keeps (markdown.ts).
  service.keep(['sup', 'sub', 'u', 'mark', 'kbd']);
  // A table row is one line: a line break in a cell stays the <br> GFM tables use.
  service.addRule('breakInTableCell', {
    filter: (node) => node.nodeName === 'BR' && Boolean((node as Element).closest('td, th')),
    replacement: () => '<br>',
  });
  service.addRule('listItem', { filter: 'li', replacement: listItem });
  service.addRule('keptBlockPlaceholder', {
    filter: (node) => markerId(node) !== undefined,
    replacement: (_content, node) => `\n\n${placeholder(markerId(node)!)}\n\n`,
  });
  // Code blocks keep their language wherever the markup put it (pre, code, lang attribute).
  service.addRule('codeWithLanguage', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const pre = node as HTMLElement;
      const code = pre.querySelector('code');
      const language = languageOf(code) || languageOf(pre);
      const text = textWithBreaks(code ?? pre);
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

export interface HtmlToMarkdownOptions {
  domParser: DOMParser;
  /** Runs on the parsed post before it is cleaned up: kept-blocks.ts puts its markers in here. */
  prepare?: (document: Document) => void;
}

export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions): string {
  // `[^<>]*` stops at the next `<`: a megabyte of `<a<a<a` is scanned once, not once per `<`.
  // A comment is markup too: `<!--more-->` in classic text is WordPress's, not words.
  const plainText = !/<\/?[a-z][^<>]*>|<!--/i.test(html);
  // Real posts have hundreds of tags, a few dozen deep; ten thousand tags, or hundreds of levels,
  // is markup that would stall even the browser's own parser, so only its words are kept.
  if (!plainText && ((html.match(/<[a-z]/gi)?.length ?? 0) > MAX_TAGS || nestingDepth(html) > MAX_DEPTH)) return textOnly(html);
  try {
    const document = options.domParser.parseFromString(plainText ? '' : repairOrphanParagraphCloses(html), 'text/html');
    // Text without HTML is what the classic editor stores: paragraphs at blank lines, each line
    // break a <br>; its `#`, `1.` or `* * *` are text, which turndown escapes as it does all text.
    if (plainText) {
      document.body.textContent = html.replace(/\r\n?/g, '\n');
      autop(document);
    }
    unwrapLayoutTables(document);
    options.prepare?.(document);
    clean(document);
    turndown ??= createTurndown();
    return tidyLines(turndown.turndown(document.body).replace(/\u00a0/g, ' '));
  } catch {
    // Markup no parser survives (nesting deeper than the stack): the user still gets their words.
    return textOnly(html);
  }
}
