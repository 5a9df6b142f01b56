/**
 * A job's requests to the editor tab, answered through the page-world bridge. Runs in the job
 * tools the background injects (entrypoints/converters.ts); the status is answered without them.
 */
import { BridgeCallError } from './bridge-channel';
import type { BridgeClient } from './bridge-client';
import type { Converters } from '../content/converters';
import type { ContentRequest, ContentResponse } from './protocol';
import type { UserError } from '../errors';
import type { BodyBlock } from '../content/body';
import type { HtmlKind } from '../content/kept-blocks';
import type { EditorKind } from '../editors/adapter';

export interface ContentHandlerDeps {
  bridge: BridgeClient;
  converters: Converters;
  /** Names this page load; a new one is made each time the content script starts. */
  pageId: string;
  /** The editor page's site, read in the isolated world where the page cannot change it. */
  origin: string;
  /** The post being edited, where the page says. */
  postId?(): number | undefined;
}

export function toUserError(error: unknown): UserError {
  if (error instanceof BridgeCallError) return error.userError;
  return { code: 'editor-failed', message: `The editor could not do it: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
}

/** Which HTML each editor reads out: block markup, classic content, or Elementor's widgets as HTML. */
const HTML_KIND: Record<EditorKind, HtmlKind> = { 'block-editor': 'block-markup', 'classic-editor': 'classic', elementor: 'html' };

const NOT_READY: UserError = { code: 'editor-not-ready', message: 'The editor is still loading. Wait until it is ready, then try again.', retryable: true };

const PAGE_CHANGED: UserError = {
  code: 'page-changed',
  message: 'This rewrite was made from the post as it was before the page was reloaded or left, so it was not written over what is open now. Copy its text, or rewrite again.',
  retryable: true,
};

export function createContentHandler({ bridge, converters, pageId, origin, postId }: ContentHandlerDeps) {
  // The blocks of the post streaming in, so each update sanitizes only what is new.
  const streamBlocks = new Map<string, BodyBlock[]>();
  let streamId: string | undefined;
  const blocksOf = (id: string) => {
    if (id !== streamId) streamBlocks.clear();
    streamId = id;
    return streamBlocks;
  };
  async function requireReadyEditor() {
    const status = await bridge.call({ type: 'status' });
    if (!status.kind) throw new BridgeCallError({ code: 'no-editor', message: 'No WordPress or Elementor editor was found on this page.', retryable: false });
    if (!status.ready) throw new BridgeCallError(NOT_READY);
    return status.kind;
  }

  return async function handle(request: ContentRequest): Promise<ContentResponse> {
    try {
      switch (request.type) {
        case 'editor/status':
          return { ok: true, status: await bridge.call({ type: 'status' }, 5_000) };
        case 'editor/context': {
          const kind = await requireReadyEditor();
          const siteCategories = await bridge.call({ type: 'categories' });
          const post = postId?.();
          const where = { kind, pageId, origin, ...(post ? { postId: post } : {}) };
          if (!request.includeContent) return { ok: true, context: { ...where, siteCategories } };
          const content = await bridge.call({ type: 'read' });
          const { markdown, kept } = converters.readForRewrite(content.bodyHtml, HTML_KIND[kind]);
          return { ok: true, context: { ...where, siteCategories, current: { title: content.title, excerpt: content.excerpt, tags: content.tags, categories: content.categories, markdown, kept } } };
        }
        case 'editor/apply': {
          if (request.pageId !== undefined && request.pageId !== pageId) return { ok: false, error: PAGE_CHANGED };
          await requireReadyEditor();
          // Markdown is parsed and sanitized here, in the extension; the page world gets safe blocks.
          const cache = request.streamId ? blocksOf(request.streamId) : undefined;
          const fill = converters.toFill(request.post, request.fields, { bodyMode: request.bodyMode, createMissingCategories: request.createMissingCategories }, cache, request.kept);
          const withImage = request.featuredImage ? { ...fill, featuredImage: request.featuredImage } : fill;
          const { report, snapshot } = await bridge.call({ type: 'apply', fill: withImage, streamId: request.streamId }, 120_000);
          return { ok: true, report, snapshot };
        }
        case 'editor/stream': {
          await requireReadyEditor();
          // Sanitized here like every fill: the page world only ever gets safe blocks.
          const fill = converters.toFill(request.post, request.fields, { bodyMode: request.bodyMode, createMissingCategories: false }, blocksOf(request.streamId));
          await bridge.call({ type: 'stream', fill, streamId: request.streamId }, 30_000);
          return { ok: true, streamed: true };
        }
        case 'editor/stream-end':
          await bridge.call({ type: 'stream-end', streamId: request.streamId }, 30_000);
          return { ok: true, streamed: true };
        case 'editor/restore':
          await requireReadyEditor();
          await bridge.call({ type: 'restore', snapshot: request.snapshot });
          return { ok: true, restored: true };
      }
    } catch (error) {
      return { ok: false, error: toUserError(error) };
    }
  };
}
