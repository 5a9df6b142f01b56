/**
 * A rewrite never loses what the blogger had: each piece of the post that Markdown cannot carry
 * (an embed, a gallery, columns, buttons, a shortcode, a form…) goes to the model as a placeholder
 * line, `[[keep:3]]`, and its original HTML waits here, in the extension, until the answer comes
 * back. The model only ever sees and writes ids; the HTML of a kept block is the post's own.
 */
import { Lexer } from 'marked';
import { autop } from './autop';
import { markdownCarries, hasBlockDelimiters, topLevelPieces, type TopLevelPiece } from './block-markup';
import { htmlToMarkdown, useOtherListMarker } from './html-to-markdown';
import { createMarker, numberMarkers, placeholder, placeholderId } from './placeholder';

/**
 * Which HTML a post is: block-editor markup (`<!-- wp:… -->` delimiters, from
 * `getEditedPostContent()`), classic-editor content (paragraphs as blank lines, as `wpautop`
 * reads it), or plain HTML (Elementor's widgets, a REST `content.rendered`).
 */
export type HtmlKind = 'block-markup' | 'classic' | 'html';

export interface KeptBlock {
  /** The original fragment: for block markup, the block's exact text, delimiters included. */
  html: string;
  /** The Markdown of the block just before it in the post as read ('' when it opened the post). */
  after: string;
  /** How many text blocks (not kept ones) came before it: where it goes when `after` was rewritten. */
  textsBefore: number;
}

/** Kept blocks by id ("1", "2"… in the order of the post); plain JSON, so it can travel with a job. */
export type KeptBlocks = Record<string, KeptBlock>;

export interface RewriteSource { markdown: string; kept: KeptBlocks }

/** Elements Markdown has nothing for: embeds and media, scripts, forms, definition lists. */
const KEPT_ELEMENTS = 'iframe, embed, object, video, audio, canvas, svg, math, script, style, noscript, template, form, dl, link, meta';
/** Containers turndown writes as nothing but their content: a placeholder inside one is still a paragraph of its own. */
const TRANSPARENT = new Set(['BODY', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'CENTER']);
/** A paragraph of shortcodes only (`[gallery]`, `[caption …]<img>…[/caption]`): WordPress makes it into something else. */
const SHORTCODES_ONLY = /^(?:\[([a-z][\w-]*)\b[^\]]*\](?:[^[]*\[\/\1\])?\s*)+$/i;
/** A URL alone on its line, which the classic editor turns into an embed (oEmbed). */
const EMBED_URL = /^https?:\/\/\S+$/;

const isBlank = (node: Node) => node.nodeType === 8 || (node.nodeType === 3 && !(node.textContent ?? '').trim());
const onlyContent = (parent: Element, child: Node) => Array.from(parent.childNodes).every((node) => node === child || isBlank(node));

/**
 * What to keep around a node Markdown cannot carry: the wrappers that hold nothing else, then the
 * outermost paragraph, list, quote or table it sits in (a placeholder can only be a paragraph).
 */
function hostOf(node: Node): Node {
  let host = node;
  while (host.parentElement && host.parentElement.nodeName !== 'BODY' && onlyContent(host.parentElement, host)) host = host.parentElement;
  for (let ancestor = host.parentElement; ancestor && ancestor.nodeName !== 'BODY'; ancestor = ancestor.parentElement) {
    if (!TRANSPARENT.has(ancestor.nodeName)) host = ancestor;
  }
  return host;
}

/** An image on its own (not in running text, a list or a table) is kept with its size, classes and link. */
function standaloneImageHost(image: Element): Node | undefined {
  let host: Node = image;
  while (host.parentElement && host.parentElement.nodeName !== 'BODY' && onlyContent(host.parentElement, host)) host = host.parentElement;
  for (let ancestor = host.parentElement; ancestor && ancestor.nodeName !== 'BODY'; ancestor = ancestor.parentElement) {
    if (!TRANSPARENT.has(ancestor.nodeName)) return undefined;
  }
  return host;
}

/** A table GFM can write: no merged cells, caption, footer, or blocks inside cells. */
const carriesTable = (table: Element) => !table.querySelector('caption, tfoot, table, ul, ol, pre, blockquote, h1, h2, h3, h4, h5, h6, hr, '
  + '[colspan]:not([colspan="1"]), [rowspan]:not([rowspan="1"])');
/** A <pre> that is code: only text and line breaks (a highlighter's spans count as text). Verse or preformatted text with links and emphasis is not. */
const isCode = (pre: Element) => !/\bwp-block-(?:verse|preformatted)\b/.test(pre.className) && !pre.querySelector(':not(code, span, br)');

/** The node to keep for a candidate element, or undefined when Markdown carries it. */
function keptHost(element: Element, kind: HtmlKind): Node | undefined {
  if (element.matches(KEPT_ELEMENTS)) return hostOf(element);
  switch (element.nodeName) {
    case 'FIGURE': return element.querySelector('figcaption, img, video, audio, iframe, embed, object') ? hostOf(element) : undefined;
    case 'TABLE': return carriesTable(element) ? undefined : hostOf(element);
    case 'PRE': return isCode(element) ? undefined : hostOf(element);
    case 'IMG': return standaloneImageHost(element);
    // Inline code over several lines: a Markdown code span has no line breaks.
    case 'CODE': return !element.closest('pre') && /\n|<br/i.test(element.innerHTML.trim()) ? hostOf(element) : undefined;
    case 'P': {
      const text = (element.textContent ?? '').trim();
      const embedUrl = kind === 'classic' && !element.firstElementChild && EMBED_URL.test(text);
      return SHORTCODES_ONLY.test(text) || embedUrl ? hostOf(element) : undefined;
    }
    default: return undefined;
  }
}

/** Hosts of what Markdown cannot carry, none inside another; `<!--more-->` and `<!--nextpage-->` of classic posts too. */
function keptHosts(root: Element, kind: HtmlKind): Node[] {
  let hosts: Node[] = [];
  const inside = (node: Node) => hosts.some((host) => host.contains(node));
  const add = (host: Node | undefined) => {
    if (!host || inside(host)) return;
    // A quote kept for its second embed takes the first one's paragraph with it.
    hosts = [...hosts.filter((earlier) => !host.contains(earlier)), host];
  };
  for (const element of Array.from(root.querySelectorAll(`${KEPT_ELEMENTS}, figure, table, pre, code, img, p`))) {
    if (!inside(element)) add(keptHost(element, kind));
  }
  if (kind === 'classic') {
    const walker = root.ownerDocument.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/^\s*(?:more|nextpage)\b/.test((node as Comment).data) && !inside(node)) add(hostOf(node));
    }
  }
  return hosts;
}

/** The fragment of a classic or HTML host, as the editor will be given it back. */
function fragmentOf(host: Node, kind: HtmlKind): string {
  if (host.nodeType === 8) return `<!--${(host as Comment).data}-->`;
  const element = host as Element;
  // A paragraph of shortcodes or a URL is the text WordPress reads; its <p> is wpautop's.
  if (element.nodeName === 'P' && kind === 'classic' && !element.firstElementChild) return element.innerHTML;
  return element.outerHTML;
}

/** Puts a marker where each host was, remembering the host's fragment. */
function replaceWithMarkers(document: Document, hosts: Array<{ host: Node; fragment: string }>, fragments: Map<Element, string>): void {
  for (const { host, fragment } of hosts) {
    const marker = createMarker(document);
    fragments.set(marker, fragment);
    host.parentNode?.replaceChild(marker, host);
  }
}

/** Where each placeholder stands in the Markdown: the block before it and how many text blocks precede it. */
function placeholderPositions(markdown: string): Map<string, Omit<KeptBlock, 'html'>> {
  const positions = new Map<string, Omit<KeptBlock, 'html'>>();
  let after = '';
  let texts = 0;
  for (const token of new Lexer({ gfm: true }).lex(markdown)) {
    if (token.type === 'space') continue;
    const id = token.type === 'paragraph' ? placeholderId(token.raw) : undefined;
    if (id !== undefined) positions.set(id, { after, textsBefore: texts });
    else texts++;
    after = token.raw.trim();
  }
  return positions;
}

/** The Markdown of a prepared document, and the kept fragments of its markers by id. */
function convert(html: string, domParser: DOMParser, mark: (document: Document, fragments: Map<Element, string>) => void): RewriteSource {
  const fragments = new Map<Element, string>();
  const ids = new Map<string, string>();
  const markdown = htmlToMarkdown(html, {
    domParser,
    prepare: (document) => {
      mark(document, fragments);
      numberMarkers(document).forEach((marker, index) => ids.set(String(index + 1), fragments.get(marker)!));
    },
  });
  const kept: KeptBlocks = {};
  for (const [id, position] of placeholderPositions(markdown)) {
    const fragment = ids.get(id);
    if (fragment !== undefined) kept[id] = { html: fragment, ...position };
  }
  return { markdown, kept };
}

/**
 * A shortcode alone on a line of a paragraph (`text<br>[caption …]<img>…[/caption]`) is a block
 * WordPress makes of it: its line becomes a paragraph of its own, so it can be kept.
 */
function splitShortcodeLines(document: Document): void {
  for (const paragraph of Array.from(document.body.querySelectorAll('p'))) {
    if (!paragraph.querySelector('br') || !(paragraph.textContent ?? '').includes('[')) continue;
    const lines: Node[][] = [[]];
    paragraph.childNodes.forEach((node) => (node.nodeName === 'BR' ? lines.push([]) : lines.at(-1)!.push(node)));
    const isShortcode = (line: Node[]) => SHORTCODES_ONLY.test(line.map((node) => node.textContent ?? '').join('').trim());
    if (!lines.some(isShortcode)) continue;
    const groups: Node[][] = [];
    lines.forEach((line, index) => {
      if (index === 0 || isShortcode(line) || isShortcode(lines[index - 1]!)) groups.push(line);
      else groups.at(-1)!.push(document.createElement('br'), ...line);
    });
    paragraph.replaceWith(...groups.map((group) => {
      const part = document.createElement('p');
      part.append(...group);
      return part;
    }));
  }
}

function readHtml(html: string, kind: 'classic' | 'html', domParser: DOMParser): RewriteSource {
  return convert(html, domParser, (document, fragments) => {
    if (kind === 'classic') autop(document);
    splitShortcodeLines(document);
    const hosts = keptHosts(document.body, kind).map((host) => ({ host, fragment: fragmentOf(host, kind) }));
    replaceWithMarkers(document, hosts, fragments);
  });
}

/** Each carried list right after another gets the other marker, so the two stay two lists. */
function keepListsApart(wrappers: Array<{ wrapper: Element; piece: TopLevelPiece; carried: boolean }>): void {
  let previousList = false;
  let other = false;
  for (const { wrapper, piece, carried } of wrappers) {
    const list = carried && piece.name === 'core/list' ? wrapper.querySelector('ul, ol') : null;
    other = Boolean(list) && previousList && !other;
    if (list && other) useOtherListMarker(list);
    previousList = Boolean(list);
  }
}

/**
 * Block markup: each top-level block Markdown carries is converted (a paragraph with an embed in
 * it is not carried), every other one is kept whole, as its exact text. Each block is wrapped in
 * a div named with a fresh attribute, which no markup in the post can imitate.
 */
function readBlockMarkup(markup: string, domParser: DOMParser): RewriteSource {
  const pieces = topLevelPieces(markup);
  const attribute = `data-presspilot-block-${Math.random().toString(36).slice(2)}`;
  const html = pieces.map((piece, index) => (piece.name === null && !piece.markup.trim() ? piece.markup : `<div ${attribute}="${index}">${piece.markup}</div>`)).join('');
  return convert(html, domParser, (document, fragments) => {
    const wrappers = Array.from(document.body.querySelectorAll(`:scope > [${attribute}]`), (wrapper) => {
      const piece = pieces[Number(wrapper.getAttribute(attribute))]!;
      return { wrapper, piece, carried: markdownCarries(piece) && keptHosts(wrapper, 'html').length === 0 };
    });
    keepListsApart(wrappers);
    // A Classic block is kept without the blank lines around it, which are no part of it.
    const kept = wrappers.filter(({ carried }) => !carried)
      .map(({ wrapper, piece }) => ({ host: wrapper, fragment: piece.name === null ? piece.markup.trim() : piece.markup }));
    replaceWithMarkers(document, kept, fragments);
  });
}

/**
 * A post read for a rewrite: its Markdown, with a placeholder paragraph for each block Markdown
 * cannot carry, and those blocks' original HTML by id. Block markup without a single block
 * delimiter is a post never converted to blocks: its content is classic.
 */
export function readForRewrite(html: string, kind: HtmlKind, domParser: DOMParser): RewriteSource {
  if (kind === 'block-markup' && hasBlockDelimiters(html)) return readBlockMarkup(html, domParser);
  return readHtml(html, kind === 'html' ? 'html' : 'classic', domParser);
}
