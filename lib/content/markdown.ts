import { Lexer, Parser, type Token, type Tokens } from 'marked';
import type { DOMPurify, Config } from 'dompurify';
import type { BodyBlock } from './body';
import type { KeptBlocks } from './kept-blocks';
import { placeholderId } from './placeholder';
import { slugFromKeyphrase } from './slug';
import type { EditorFill } from '../editors/adapter';
import type { PostFields } from '../generation/post-fields';

const INLINE_TAGS = ['a', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'br', 'img', 'sup', 'sub', 'mark', 'kbd'];
// Headings too: a quote or a list item may hold one (the block editor makes core/heading of it).
const BLOCK_TAGS = [...INLINE_TAGS, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'pre', 'hr', 'input'];
const ATTRIBUTES = ['href', 'title', 'src', 'alt', 'colspan', 'rowspan', 'align', 'start', 'type', 'checked', 'disabled'];

function config(tags: string[]): Config {
  return {
    ALLOWED_TAGS: tags,
    ALLOWED_ATTR: ATTRIBUTES,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    // Only web and mail links; no javascript:, vbscript: or data: anywhere.
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  };
}

/** A DOMPurify of ours: blocks data: URLs too (DOMPurify allows them on images by default). */
export function hardenPurify(purify: DOMPurify): DOMPurify {
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (/^(?:src|href)$/.test(data.attrName) && /^\s*data:/i.test(data.attrValue)) data.keepAttr = false;
    // GFM task lists are the only inputs we keep, and only as inert checkboxes.
    if (node.nodeName === 'INPUT' && data.attrName === 'type' && data.attrValue !== 'checkbox') data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'INPUT') return;
    // An input that is not a task-list checkbox is a form field the model has no business adding.
    if (node.getAttribute('type') !== 'checkbox') node.remove();
    else node.setAttribute('disabled', '');
  });
  return purify;
}

export function sanitizeInline(purify: DOMPurify, html: string): string {
  return purify.sanitize(html, config(INLINE_TAGS)).trim();
}

export function sanitizeBlock(purify: DOMPurify, html: string): string {
  return purify.sanitize(html, config(BLOCK_TAGS)).trim();
}

/** Text with every tag removed and entities decoded, for titles, excerpts and term names. */
export function toPlainText(purify: DOMPurify, text: string): string {
  const fragment = purify.sanitize(text, { ALLOWED_TAGS: [], KEEP_CONTENT: true, RETURN_DOM_FRAGMENT: true });
  return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A placeholder paragraph of a rewrite is the kept block of its id, with the post's own HTML; an
 * id the post has no block for makes nothing, so no answer can bring HTML in this way.
 */
function keptBlock(token: Token, kept: KeptBlocks | undefined): BodyBlock[] | undefined {
  const id = kept && token.type === 'paragraph' ? placeholderId(token.raw) : undefined;
  if (id === undefined) return undefined;
  return Object.hasOwn(kept!, id) ? [{ type: 'kept', id, html: kept![id]!.html }] : [];
}

function tokenToBlocks(token: Token, purify: DOMPurify, kept?: KeptBlocks): BodyBlock[] {
  const keptOne = keptBlock(token, kept);
  if (keptOne) return keptOne;
  switch (token.type) {
    case 'heading': {
      const html = sanitizeInline(purify, Parser.parseInline((token as Tokens.Heading).tokens));
      return html ? [{ type: 'heading', level: (token as Tokens.Heading).depth, html }] : [];
    }
    case 'paragraph':
    case 'text': {
      const inline = (token as Tokens.Paragraph).tokens;
      const html = sanitizeInline(purify, inline ? Parser.parseInline(inline) : (token as Tokens.Text).text);
      return html ? [{ type: 'paragraph', html }] : [];
    }
    case 'html': {
      // Raw HTML from the model never becomes an HTML block: what survives sanitizing is prose.
      const html = sanitizeInline(purify, (token as Tokens.HTML).text);
      return html ? [{ type: 'paragraph', html }] : [];
    }
    case 'code': {
      const code = token as Tokens.Code;
      return [{ type: 'code', language: (code.lang ?? '').trim().split(/\s+/)[0]!.toLowerCase(), code: code.text }];
    }
    case 'list': {
      const html = sanitizeBlock(purify, Parser.parse([token]));
      return html ? [{ type: 'list', ordered: (token as Tokens.List).ordered, html }] : [];
    }
    case 'blockquote': {
      const html = sanitizeBlock(purify, Parser.parse([token]));
      return html ? [{ type: 'quote', html }] : [];
    }
    case 'table': {
      const html = sanitizeBlock(purify, Parser.parse([token]));
      return html ? [{ type: 'table', html }] : [];
    }
    case 'hr':
      return [{ type: 'separator' }];
    default:
      return [];
  }
}

/**
 * The model's Markdown as sanitized, editor-neutral blocks. A cache (token source → blocks) lets a
 * post that streams in be converted again and again while only its new blocks are sanitized.
 * For a rewrite, `kept` holds the blocks kept out of it: their placeholders become those blocks
 * (restorePlaceholders in kept-answer.ts first puts back the ones the model left out).
 */
export function markdownToBody(markdown: string, purify: DOMPurify, cache?: Map<string, BodyBlock[]>, kept?: KeptBlocks): BodyBlock[] {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  return tokens.flatMap((token) => {
    const cached = cache?.get(token.raw);
    if (cached) return cached;
    const blocks = tokenToBlocks(token, purify, kept);
    cache?.set(token.raw, blocks);
    return blocks;
  });
}

export interface FillFields { title: boolean; excerpt: boolean; tags: boolean; categories: boolean; body: boolean }

/**
 * Everything an editor adapter needs to write a post, built from the model's answer: a whole
 * post, or the finished part of one still streaming (a field it has not written yet stays out).
 */
export function postToFill(post: Partial<PostFields>, fields: FillFields, purify: DOMPurify, extra: Pick<EditorFill, 'bodyMode' | 'createMissingCategories'>, cache?: Map<string, BodyBlock[]>, kept?: KeptBlocks): EditorFill {
  const plain = (text: string) => toPlainText(purify, text);
  const keywords = (post.focusKeywords ?? []).map(plain).filter(Boolean);
  const slug = keywords[0] ? slugFromKeyphrase(keywords[0]) : '';
  let body = fields.body && post.body !== undefined ? markdownToBody(post.body, purify, cache, kept) : undefined;
  // The title is its own field: a leading heading that repeats it would show it twice.
  if (body && post.title && body[0]?.type === 'heading' && plain(body[0].html).toLowerCase() === plain(post.title).toLowerCase()) body = body.slice(1);
  return {
    ...(fields.title && post.title !== undefined ? { title: plain(post.title) } : {}),
    ...(fields.excerpt && post.metaDescription !== undefined ? { excerpt: plain(post.metaDescription) } : {}),
    ...(fields.tags && post.tags ? { tags: post.tags.map(plain).filter(Boolean) } : {}),
    ...(fields.categories && post.categories ? { categories: post.categories.map(plain).filter(Boolean) } : {}),
    ...(body ? { body } : {}),
    // The SEO plugin's fields go with the title: a rewrite that keeps the title keeps them too.
    ...(fields.title && post.seoTitle !== undefined ? { seo: { title: plain(post.seoTitle), description: plain(post.metaDescription ?? ''), keywords } } : {}),
    ...(fields.title && slug ? { slug } : {}),
    ...extra,
  };
}
