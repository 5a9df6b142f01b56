/**
 * The heavy half of the content script: Markdown to sanitized blocks (marked, DOMPurify) and the
 * editor's HTML to Markdown (turndown). Not loaded with every editor page: the background injects
 * it into the tab's isolated world when a job needs it (entrypoints/converters.ts), where the
 * content script finds it and the page cannot.
 */
import type { DOMPurify } from 'dompurify';
import type { BodyBlock } from './body';
import { htmlToMarkdown } from './html-to-markdown';
import { postToFill, type FillFields } from './markdown';
import type { EditorFill } from '../editors/adapter';
import type { PostFields } from '../generation/post-fields';

export interface Converters {
  toMarkdown(html: string): string;
  /** A cache (token source → blocks) lets a post that streams in be sanitized one new block at a time. */
  toFill(post: Partial<PostFields>, fields: FillFields, extra: Pick<EditorFill, 'bodyMode' | 'createMissingCategories'>, cache?: Map<string, BodyBlock[]>): EditorFill;
}

export function createConverters(purify: DOMPurify, domParser: DOMParser): Converters {
  return {
    toMarkdown: (html) => htmlToMarkdown(html, { domParser }),
    toFill: (post, fields, extra, cache) => postToFill(post, fields, purify, extra, cache),
  };
}
