import { describe, expect, it } from 'vitest';
import { createBlockEditorAdapter, type Block, type WpLike } from '../../lib/editors/block-editor';
import type { BodyBlock } from '../../lib/content/body';

/**
 * The slice of Gutenberg the adapter talks to, in memory: core/editor's edited post and its undo
 * levels, core/block-editor's block list kept in sync with it the way the editor's block sync
 * does (a block list core/editor hands over that is not the one shown is a reset: every block
 * re-renders), and a REST API whose requests the test answers by hand.
 */
function fakeBlockEditor(initial: { title?: string; content?: string } = {}) {
  const post: Record<string, unknown> = { title: initial.title ?? '', excerpt: '', tags: [], categories: [], content: initial.content ?? '', blocks: [] };
  let shownBlocks: Block[] = [];
  let undoLevels = 0;
  let resets = 0;
  let nextClientId = 1;
  const pending: Array<{ path: string; method: string; data?: unknown; answer: (value: unknown) => void }> = [];
  let nextTermId = 500;
  const serialize = (blocks: Block[]) => blocks.map((block) => `<!-- wp:${block.name} -->${String(block.attributes.content ?? '')}<!-- /wp:${block.name} -->`).join('\n\n');
  const block = (name: string, attributes: Record<string, unknown> = {}, innerBlocks: Block[] = []): Block => ({ name, attributes, innerBlocks, clientId: `block-${nextClientId++}` });
  let batching = false;
  /** What the block sync does, after a render, with the block list core/editor holds. */
  const sync = () => {
    if (batching || post.blocks === shownBlocks) return;
    shownBlocks = post.blocks as Block[];
    if (shownBlocks.length > 0) resets++;
  };
  /** A change made in the block editor's store, handed to core/editor as its blocks. */
  const changeShown = (blocks: Block[]) => {
    shownBlocks = blocks;
    post.blocks = blocks;
  };
  const wp: WpLike = {
    data: {
      subscribe: () => () => undefined,
      select: (store) => store === 'core/block-editor'
        ? { getBlocks: () => shownBlocks }
        : {
          getEditedPostAttribute: (name: string) => post[name],
          getEditedPostContent: () => (typeof post.content === 'function' ? post.content({ blocks: post.blocks }) : post.content),
        },
      dispatch: (store) => store === 'core/block-editor'
        ? {
          __unstableMarkNextChangeAsNotPersistent() {},
          resetBlocks: (blocks: Block[]) => changeShown(blocks),
          insertBlocks: (blocks: Block[], index: number) => changeShown([...shownBlocks.slice(0, index), ...blocks, ...shownBlocks.slice(index)]),
          removeBlocks: (clientIds: string[]) => changeShown(shownBlocks.filter((shown) => !clientIds.includes(shown.clientId!))),
        }
        : {
          editPost(edits: Record<string, unknown>, options?: { undoIgnore?: boolean; isCached?: boolean }) {
            for (const [name, value] of Object.entries(edits)) post[name] = value;
            if (!options?.undoIgnore && !options?.isCached) undoLevels++;
            sync();
          },
          lockPostAutosaving() {},
          unlockPostAutosaving() {},
        },
    },
    blocks: {
      rawHandler: ({ HTML }) => [block('core/paragraph', { content: HTML })],
      createBlock: block,
      serialize,
      parse: (content) => (content ? [block('core/freeform', { content })] : []),
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
  /** React's batching: one render, so the block sync sees only the last block list. */
  const batch = (work: () => void) => {
    batching = true;
    work();
    batching = false;
    sync();
  };
  const content = () => String(wp.data.select('core/editor').getEditedPostContent());
  return { wp, batch, post, pending, answerTerms, content, shownBlocks: () => shownBlocks, undoLevels: () => undoLevels, resets: () => resets };
}

const body: BodyBlock[] = [
  { type: 'heading', level: 2, html: 'First' },
  { type: 'paragraph', html: 'One.' },
];
const fill = { title: 'Streamed title', excerpt: 'Streamed excerpt', tags: ['caching', 'speed', 'php'], body, bodyMode: 'replace' as const, createMissingCategories: false };

describe('block editor preview', () => {
  it('stays discarded when the terms it asked the site for arrive after the discard', async () => {
    const editor = fakeBlockEditor({ title: 'My draft', content: '<p>Mine</p>' });
    const adapter = createBlockEditorAdapter(editor.wp, editor.batch);
    const snapshot = await adapter.snapshot();
    await adapter.preview(fill);
    expect(editor.post.title).toBe('Streamed title');
    expect(editor.pending.length).toBeGreaterThan(0);

    const discarded = adapter.discardPreview(snapshot);
    await editor.answerTerms();
    await discarded;

    expect(editor.post).toMatchObject({ title: 'My draft', excerpt: '', tags: [] });
    expect(editor.content()).toBe('<p>Mine</p>');
    expect(editor.shownBlocks().map((block) => block.attributes.content)).toEqual(['<p>Mine</p>']);
    expect(editor.undoLevels()).toBe(0);
  });

  it('deletes the terms it created for a discarded preview', async () => {
    const editor = fakeBlockEditor();
    const adapter = createBlockEditorAdapter(editor.wp, editor.batch);
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
    const adapter = createBlockEditorAdapter(editor.wp, editor.batch);
    const snapshot = await adapter.snapshot();
    await adapter.preview(fill);
    const committed = adapter.commitPreview(snapshot, fill);
    await editor.answerTerms();
    await committed;
    expect(editor.post).toMatchObject({ title: 'Streamed title', excerpt: 'Streamed excerpt', tags: [500, 501, 502] });
    expect(editor.content()).toContain('First');
    expect(editor.undoLevels()).toBe(1);
  });

  it('never hands the editor a whole new block list while a long post streams in or is committed', async () => {
    const editor = fakeBlockEditor({ title: 'My draft', content: '<p>Mine</p>' });
    const adapter = createBlockEditorAdapter(editor.wp, editor.batch);
    const snapshot = await adapter.snapshot();
    const resetsBefore = editor.resets();
    const long: BodyBlock[] = Array.from({ length: 40 }, (_, index) => ({ type: 'paragraph', html: `Paragraph ${index}.` }));
    for (let written = 4; written <= long.length; written += 4) await adapter.preview({ ...fill, body: long.slice(0, written) });
    const shownWhileStreaming = editor.shownBlocks().map((block) => block.clientId);
    expect(shownWhileStreaming).toHaveLength(40);
    const committed = adapter.commitPreview(snapshot, { ...fill, body: long });
    await editor.answerTerms();
    await committed;
    expect(editor.resets()).toBe(resetsBefore);
    // The blocks the blogger watched come in are the ones that stay, in order.
    expect(editor.shownBlocks().map((block) => block.clientId)).toEqual(shownWhileStreaming);
    expect(editor.content()).toBe(long.map((block) => `<!-- wp:core/paragraph --><p>${(block as { html: string }).html}</p><!-- /wp:core/paragraph -->`).join('\n\n'));
    expect(editor.undoLevels()).toBe(1);
  });
});
