import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import type { BridgeClient } from '../../lib/messaging/bridge-client';
import { createContentHandler } from '../../lib/messaging/content-handler';
import { createConverters } from '../../lib/content/converters';
import { hardenPurify } from '../../lib/content/markdown';
import { makePost } from '../support/openai-test-server';

const window = new JSDOM('').window;

function handlerWithBridge() {
  const call = vi.fn(async (request: { type: string }) => {
    switch (request.type) {
      case 'status': return { kind: 'block-editor', ready: true };
      case 'categories': return ['Uncategorized'];
      case 'read': return { title: 'T', excerpt: 'E', tags: [], categories: [], bodyHtml: '<!-- wp:heading --><h2>Hi</h2><!-- /wp:heading --><div class="elementor-widget"><p>Text</p></div>' };
      case 'apply': return { report: { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] }, snapshot: { kind: 'block-editor', data: {} } };
      default: throw new Error(request.type);
    }
  });
  const converters = createConverters(hardenPurify(createDOMPurify(window as never)), new window.DOMParser());
  const handle = createContentHandler({ bridge: { call } as unknown as BridgeClient, converters, pageId: 'this-page', origin: 'https://blog.example', postId: () => 42 });
  return { handle, call };
}

const apply = { type: 'editor/apply' as const, post: makePost({ words: 100 }), fields: { title: true, excerpt: true, tags: true, categories: true, body: true }, bodyMode: 'replace' as const, createMissingCategories: false };

describe('the content script handler', () => {
  it('reads the post as Markdown, keeps aside what is no block Markdown carries, and names its page load', async () => {
    const { handle } = handlerWithBridge();
    expect(await handle({ type: 'editor/context', includeContent: true })).toEqual({
      ok: true,
      context: { kind: 'block-editor', pageId: 'this-page', origin: 'https://blog.example', postId: 42, siteCategories: ['Uncategorized'], current: {
        title: 'T', excerpt: 'E', tags: [], categories: [], markdown: '## Hi\n\n[[keep:1]]',
        // Markup between the blocks is no block: it goes back as it was.
        kept: { 1: { html: '<div class="elementor-widget"><p>Text</p></div>', after: '## Hi', textsBefore: 1 } },
      } },
    });
  });

  it('refuses a rewrite read on another page load, without touching the editor', async () => {
    const { handle, call } = handlerWithBridge();
    const refused = await handle({ ...apply, pageId: 'an-earlier-page' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'page-changed' } });
    expect(call).not.toHaveBeenCalled();
    expect(await handle({ ...apply, pageId: 'this-page' })).toMatchObject({ ok: true });
    expect(await handle(apply)).toMatchObject({ ok: true });
  });
});
