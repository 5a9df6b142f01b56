import { describe, expect, it } from 'vitest';
import { createBlockEditorAdapter, type Block, type WpLike } from '../../lib/editors/block-editor';
import type { BodyBlock } from '../../lib/content/body';

/**
 * The slice of Gutenberg the adapter talks to, in memory: core/editor's edited post and an undo
 * count, blocks as plain objects, and a REST API whose term requests the test answers by hand.
 */
function fakeBlockEditor(initial: { title?: string; content?: string } = {}) {
  const post: Record<string, unknown> = { title: initial.title ?? '', excerpt: '', tags: [], categories: [], content: initial.content ?? '', blocks: [] };
  let undoLevels = 0;
  const pending: Array<{ path: string; method: string; data?: unknown; answer: (value: unknown) => void }> = [];
  let nextTermId = 500;
  const serialize = (blocks: Block[]) => blocks.map((block) => `<!-- wp:${block.name} -->${String(block.attributes.content ?? '')}<!-- /wp:${block.name} -->`).join('\n\n');
  const wp: WpLike = {
    data: {
      select: () => ({
        getEditedPostAttribute: (name: string) => post[name],
        getEditedPostContent: () => post.content,
        getBlocks: () => post.blocks,
      }),
      dispatch: () => ({
        editPost(edits: Record<string, unknown>, options?: { undoIgnore?: boolean }) {
          for (const [name, value] of Object.entries(edits)) {
            post[name] = name === 'content' && typeof value === 'function' ? value({ blocks: edits.blocks }) : value;
          }
          if (!options?.undoIgnore) undoLevels++;
        },
        lockPostAutosaving() {},
        unlockPostAutosaving() {},
      }),
    },
    blocks: {
      rawHandler: ({ HTML }) => [{ name: 'core/paragraph', attributes: { content: HTML }, innerBlocks: [] }],
      createBlock: (name, attributes = {}, innerBlocks = []) => ({ name, attributes, innerBlocks }),
      serialize,
      parse: (content) => (content ? [{ name: 'core/freeform', attributes: { content }, innerBlocks: [] }] : []),
      getBlockType: () => ({}),
    },
    apiFetch: ({ path, method = 'GET', data }) => new Promise((answer) => pending.push({ path, method, data, answer })),
  };
  /** Answers every REST request so far: no term exists, each one created gets a new id. */
  const answerTerms = async () => {
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const request of pending.splice(0)) {
        request.answer(request.method === 'POST' ? { id: nextTermId++, name: (request.data as { name: string }).name } : request.method === 'DELETE' ? {} : []);
      }
    }
  };
  return { wp, post, pending, answerTerms, undoLevels: () => undoLevels };
}

const body: BodyBlock[] = [
  { type: 'heading', level: 2, html: 'First' },
  { type: 'paragraph', html: 'One.' },
];
const fill = { title: 'Streamed title', excerpt: 'Streamed excerpt', tags: ['caching', 'speed', 'php'], body, bodyMode: 'replace' as const, createMissingCategories: false };

describe('block editor preview', () => {
  it('stays discarded when the terms it asked the site for arrive after the discard', async () => {
    const editor = fakeBlockEditor({ title: 'My draft', content: '<p>Mine</p>' });
    const adapter = createBlockEditorAdapter(editor.wp);
    const snapshot = await adapter.snapshot();
    await adapter.preview(fill);
    expect(editor.post.title).toBe('Streamed title');
    expect(editor.pending.length).toBeGreaterThan(0);

    const discarded = adapter.discardPreview(snapshot);
    await editor.answerTerms();
    await discarded;

    expect(editor.post).toMatchObject({ title: 'My draft', excerpt: '', tags: [], content: '<p>Mine</p>' });
    expect(editor.undoLevels()).toBe(0);
  });

  it('deletes the terms it created for a discarded preview', async () => {
    const editor = fakeBlockEditor();
    const adapter = createBlockEditorAdapter(editor.wp);
    const snapshot = await adapter.snapshot();
    await adapter.preview(fill);
    await editor.answerTerms();
    const created = new Set<string>();
    const deleted: string[] = [];
    // The created tags are what the next preview update or the discard would use.
    await adapter.preview({ ...fill, body: [...body, { type: 'paragraph', html: 'Two.' }] });
    expect(editor.post.tags).toEqual([500, 501, 502]);
    const discarded = adapter.discardPreview(snapshot);
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const request of editor.pending.splice(0)) {
      if (request.method === 'DELETE') deleted.push(request.path);
      else created.add(request.path);
      request.answer({});
    }
    await discarded;
    expect(deleted.sort()).toEqual(['/wp/v2/tags/500?force=true', '/wp/v2/tags/501?force=true', '/wp/v2/tags/502?force=true']);
    expect(created.size).toBe(0);
    expect(editor.post.tags).toEqual([]);
  });

  it('commits the streamed post as exactly one undo level', async () => {
    const editor = fakeBlockEditor({ title: 'My draft' });
    const adapter = createBlockEditorAdapter(editor.wp);
    const snapshot = await adapter.snapshot();
    await adapter.preview(fill);
    const committed = adapter.commitPreview(snapshot, fill);
    await editor.answerTerms();
    await committed;
    expect(editor.post).toMatchObject({ title: 'Streamed title', excerpt: 'Streamed excerpt', tags: [500, 501, 502] });
    expect(String(editor.post.content)).toContain('First');
    expect(editor.undoLevels()).toBe(1);
  });
});
