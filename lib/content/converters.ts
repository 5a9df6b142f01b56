/**
 * The heavy half of the content script: Markdown to sanitized blocks (marked, DOMPurify) and the
 * editor's HTML to Markdown (turndown). Not loaded with every editor page: the background injects
 * it into the tab's isolated world when a job needs it (entrypoints/converters.ts), where the
 * content script finds it and the page cannot.
 */
import type { DOMPurify } from 'dompurify';
import type { BodyBlock } from './body';
import { readForRewrite, type HtmlKind, type KeptBlocks, type RewriteSource } from './kept-blocks';
import { postToFill, type FillFields } from './markdown';
import type { EditorFill } from '../editors/adapter';
import type { PostFields } from '../generation/post-fields';

export interface Converters {
  /** The post as Markdown for a rewrite, what Markdown cannot carry kept out as placeholders (kept-blocks.ts). */
  readForRewrite(html: string, kind: HtmlKind): RewriteSource;
  /**
   * A cache (token source → blocks) lets a post that streams in be sanitized one new block at a
   * time; `kept`, from readForRewrite, turns a rewrite's placeholders back into the post's blocks.
   */
  toFill(post: Partial<PostFields>, fields: FillFields, extra: Pick<EditorFill, 'bodyMode' | 'createMissingCategories'>, cache?: Map<string, BodyBlock[]>, kept?: KeptBlocks): EditorFill;
}

export function createConverters(purify: DOMPurify, domParser: DOMParser): Converters {
  return {
    readForRewrite: (html, kind) => readForRewrite(html, kind, domParser),
    toFill: (post, fields, extra, cache, kept) => postToFill(post, fields, purify, extra, cache, kept),
  };
}
