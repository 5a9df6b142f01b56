/**
 * Classic-editor content is stored the way WordPress's `wpautop` reads it: a blank line ends a
 * paragraph, a single line break is a `<br>`. Tags elsewhere in the text do not change that, so
 * the paragraphs are made here, on the parsed document, as WordPress makes them on display.
 */

/** wpautop's block elements: they end a run of text, and no paragraph wraps them. */
const BLOCK_ELEMENTS = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'COL', 'COLGROUP', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN',
  'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'STYLE', 'SCRIPT', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL']);
/** Where wpautop makes paragraphs of the text between blocks. */
const PARAGRAPH_CONTAINERS = 'blockquote, div';
/** Blocks whose own text keeps its line breaks as `<br>` (an address, a list item, a cell). */
const LINE_CONTAINERS = 'address, li, dd, dt, td, th, figcaption, caption';
/** Text whose line breaks are its own. */
const VERBATIM = new Set(['PRE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'CODE']);
const BLANK_LINE = /\n[ \t]*\n\s*/;

/** `<!--more-->` and `<!--nextpage-->` stand on their own, between paragraphs. */
const isPageBreak = (node: Node) => node.nodeType === 8 && /^\s*(?:more|nextpage)\b/.test((node as Comment).data);
const endsRun = (node: Node) => (node.nodeType === 1 && BLOCK_ELEMENTS.has(node.nodeName)) || isPageBreak(node);

export function autop(document: Document): void {
  for (const container of [document.body, ...Array.from(document.body.querySelectorAll(PARAGRAPH_CONTAINERS))]) {
    let run: Node[] = [];
    for (const node of Array.from(container.childNodes)) {
      if (!endsRun(node)) {
        run.push(node);
        continue;
      }
      wrapRun(container, run, node);
      run = [];
    }
    wrapRun(container, run, null);
  }
  document.body.querySelectorAll(LINE_CONTAINERS).forEach((container) => {
    trimEdges(container);
    breakLines(container);
  });
}

/** A run of inline content as paragraphs, split at its blank lines, placed before `next`. */
function wrapRun(container: Element, run: Node[], next: Node | null): void {
  const document = container.ownerDocument;
  const paragraphs: Node[][] = [[]];
  for (const node of run) {
    if (node.nodeType !== 3) {
      paragraphs.at(-1)!.push(node);
      continue;
    }
    (node.textContent ?? '').split(BLANK_LINE).forEach((part, index) => {
      if (index > 0) paragraphs.push([]);
      if (part) paragraphs.at(-1)!.push(document.createTextNode(part));
    });
  }
  run.forEach((node) => node.parentNode?.removeChild(node));
  for (const nodes of paragraphs) {
    if (!nodes.some((node) => node.nodeType === 1 || (node.nodeType === 3 && (node.textContent ?? '').trim()))) {
      // Whitespace between blocks stays as it was (it is not a paragraph).
      nodes.forEach((node) => container.insertBefore(node, next));
      continue;
    }
    const paragraph = document.createElement('p');
    paragraph.append(...nodes);
    trimEdges(paragraph);
    breakLines(paragraph);
    container.insertBefore(paragraph, next);
  }
}

function trimEdges(paragraph: Element): void {
  const first = paragraph.firstChild;
  const last = paragraph.lastChild;
  if (first?.nodeType === 3) first.textContent = (first.textContent ?? '').replace(/^\s+/, '');
  if (last?.nodeType === 3) last.textContent = (last.textContent ?? '').replace(/\s+$/, '');
}

/** Each line break in the paragraph's text becomes a `<br>`, unless one is there already. */
function breakLines(paragraph: Element): void {
  const document = paragraph.ownerDocument;
  const walker = document.createTreeWalker(paragraph, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.includes('\n') && !hasVerbatimAncestor(node, paragraph)) texts.push(node as Text);
  }
  for (const text of texts) {
    const lines = (text.textContent ?? '').split(/[ \t]*\n[ \t]*/);
    const pieces: Node[] = [];
    lines.forEach((line, index) => {
      // A line break beside a <br>, a block or the edge of its container is no line of its own.
      const besideBreak = (index === 1 && lines[0] === '' && endsLine(text.previousSibling))
        || (index === lines.length - 1 && line === '' && endsLine(text.nextSibling));
      if (index > 0 && !besideBreak) pieces.push(document.createElement('br'));
      if (line) pieces.push(document.createTextNode(line));
    });
    text.replaceWith(...pieces);
  }
}

const endsLine = (node: Node | null) => !node || node.nodeName === 'BR' || BLOCK_ELEMENTS.has(node.nodeName);

function hasVerbatimAncestor(node: Node, stop: Element): boolean {
  for (let parent = node.parentElement; parent && parent !== stop; parent = parent.parentElement) {
    if (VERBATIM.has(parent.nodeName)) return true;
  }
  return false;
}
