import { bodyToHtml, type BodyBlock } from '../content/body';
import type { ApplyReport, EditorAdapter, EditorContent, EditorSnapshot } from './adapter';
import { createMissing, findTerms, listTerms, type ResolvedTerms, type RestRequest } from './wp-terms';
import { blockEditorReady } from './status';
import { readSnapshot } from './snapshot-data';

/** The slice of `window.wp` this adapter uses. */
export interface Block { name: string; attributes: Record<string, unknown>; innerBlocks: Block[] }
export interface WpLike {
  data: {
    select(store: string): any;
    dispatch(store: string): any;
  };
  blocks: {
    rawHandler(args: { HTML: string }): Block[];
    createBlock(name: string, attributes?: Record<string, unknown>, innerBlocks?: Block[]): Block;
    serialize(blocks: Block[]): string;
    parse(content: string): Block[];
    getBlockType(name: string): unknown;
  };
  apiFetch(options: { path: string; method?: string; data?: unknown }): Promise<unknown>;
}

/** Blocks we allow model output to become; anything else rawHandler makes turns into a paragraph. */
const SAFE_BLOCKS = new Set([
  'core/paragraph', 'core/heading', 'core/list', 'core/list-item', 'core/quote', 'core/table',
  'core/code', 'core/preformatted', 'core/separator', 'core/image',
]);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const AUTOSAVE_LOCK = 'presspilot-writing';
const BLOCKS_PER_TASK = 3;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

interface Snapshot { title: string; excerpt: string; tags: number[]; categories: number[]; content: string }
const readOwnSnapshot = (snapshot: EditorSnapshot) => readSnapshot<Snapshot>(snapshot.data, { title: 'string', excerpt: 'string', tags: 'numbers', categories: 'numbers', content: 'string' });

/**
 * React's batching of state updates (the page's ReactDOM): React 17, in WordPress 6.1, renders
 * after each store change outside an event unless asked to wait.
 */
export type BatchUpdates = (work: () => void) => void;

export function createBlockEditorAdapter(wp: WpLike, batch: BatchUpdates = (work) => work()): EditorAdapter {
  const rest: RestRequest = (path, init) => wp.apiFetch({ path, method: init?.method, data: init?.data });
  const editor = () => wp.data.select('core/editor');

  /** Our blocks as native ones: one rawHandler pass for the prose, core/code built directly. */
  function toNativeBlocks(body: BodyBlock[]): Block[] {
    const result: Block[] = [];
    let prose: BodyBlock[] = [];
    const flushProse = () => {
      if (prose.length === 0) return;
      result.push(...wp.blocks.rawHandler({ HTML: bodyToHtml(prose) }).map(keepSafe));
      prose = [];
    };
    for (const block of body) {
      if (block.type === 'code') {
        flushProse();
        // The language lives in the class name, where highlighters look (rawHandler drops it).
        result.push(wp.blocks.createBlock('core/code', {
          content: escapeHtml(block.code),
          ...(block.language ? { className: `language-${block.language.replace(/[^\w+#.-]/g, '')}` } : {}),
        }));
      } else {
        prose.push(block);
      }
    }
    flushProse();
    return result;
  }

  function keepSafe(block: Block): Block {
    if (SAFE_BLOCKS.has(block.name)) return { ...block, innerBlocks: block.innerBlocks.map(keepSafe) };
    const text = [block.attributes.content, block.attributes.text].find((value) => typeof value === 'string') as string | undefined;
    return wp.blocks.createBlock('core/paragraph', { content: escapeHtml(text ?? '') });
  }

  async function termNames(taxonomy: 'tags' | 'categories', ids: number[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const terms = await rest(`/wp/v2/${taxonomy}?include=${ids.join(',')}&per_page=100&_fields=id,name`) as Array<{ name: string }>;
    return terms.map((term) => term.name);
  }

  /**
   * One editPost is one undo level: the same edit the editor's own block sync makes. `content`
   * is the HTML to save: serialized from the blocks, or, on undo, the exact HTML the post had
   * (a classic-block post would otherwise come back reformatted). It must be a function: with
   * `blocks` set, the editor ignores a plain string.
   */
  function editAll(edits: Record<string, unknown>, blocks?: Block[], exactContent?: string, options?: { undoIgnore: true }) {
    const dispatch = wp.data.dispatch('core/editor');
    dispatch.editPost(blocks ? {
      ...edits,
      blocks,
      content: exactContent !== undefined
        ? () => exactContent
        : ({ blocks: current = [] }: { blocks?: Block[] }) => wp.blocks.serialize(current),
    } : edits, options);
  }

  /** Title, excerpt and term ids to edit; `final` for the fill that stays (it reports what was created). */
  async function fieldEdits(fill: Parameters<EditorAdapter['apply']>[0], final: boolean): Promise<{ edits: Record<string, unknown>; report: ApplyReport }> {
    const report: ApplyReport = { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] };
    const edits: Record<string, unknown> = {};
    if (fill.title !== undefined) edits.title = fill.title;
    if (fill.excerpt !== undefined) edits.excerpt = fill.excerpt;
    const [tags, categories] = await Promise.all([
      fill.tags && termsFor('tags', fill.tags, true, final),
      fill.categories && termsFor('categories', fill.categories, fill.createMissingCategories, final),
    ]);
    if (tags) {
      edits.tags = tags.terms.map((term) => term.id);
      report.tagsCreated = tags.created;
    }
    if (categories) {
      report.categoriesCreated = categories.created;
      report.categoriesSkipped = categories.skipped;
      if (categories.terms.length > 0) edits.categories = categories.terms.map((term) => term.id);
    }
    return { edits, report };
  }

  /**
   * While a post streams in: the native blocks shown for each body block, kept (with their
   * clientIds) as long as that block is unchanged, so each update renders only the new ones.
   */
  let shown: Array<{ key: string; native: Block[]; html: string }> = [];
  /** In append mode, the blocks the post had before the preview, and their HTML. */
  let previewBase: Block[] | undefined;
  let previewBaseHtml: string | undefined;
  let previewing = false;
  /** The newest preview, for fields whose terms arrive between updates. */
  let lastPreview: Parameters<EditorAdapter['preview']>[0] | undefined;

  /** The preview's title, excerpt and terms, only those that changed; says whether any did. */
  async function showFields(fill: Parameters<EditorAdapter['preview']>[0]): Promise<boolean> {
    const { edits } = await fieldEdits(fill, false);
    // A preview discarded or committed meanwhile is over: nothing of it may come back.
    if (!previewing) return false;
    const select = editor();
    const changed = Object.entries(edits).filter(([name, value]) => JSON.stringify(select.getEditedPostAttribute(name)) !== JSON.stringify(value));
    if (changed.length) editAll(Object.fromEntries(changed), undefined, undefined, { undoIgnore: true });
    return changed.length > 0;
  }
  /**
   * While a post streams in, its terms are prepared as soon as their list is written: found, and
   * the missing ones created, while the model writes the body, so the final fill waits on no
   * request. A preview that is discarded deletes the terms it created.
   */
  const preparedTerms = new Map<string, { done: Promise<ResolvedTerms>; value?: ResolvedTerms }>();

  async function termsFor(taxonomy: 'tags' | 'categories', names: string[], mayCreate: boolean, final: boolean): Promise<ResolvedTerms | undefined> {
    const key = `${taxonomy}:${JSON.stringify(names)}`;
    const prepare = async () => {
      const found = await findTerms(rest, taxonomy, names);
      return mayCreate ? createMissing(rest, taxonomy, found) : found;
    };
    if (!previewing) return prepare();
    if (!preparedTerms.has(key)) {
      const entry: { done: Promise<ResolvedTerms>; value?: ResolvedTerms } = { done: prepare() };
      // Ready while the model still writes: shown at once, not at the next update.
      entry.done.then((value) => {
        entry.value = value;
        if (previewing && lastPreview) void showFields(lastPreview);
      }, () => undefined);
      preparedTerms.set(key, entry);
    }
    const prepared = preparedTerms.get(key)!;
    if (final) return prepared.done;
    // A preview never waits on the site: the terms show in the first update after they are ready.
    return prepared.value && { ...prepared.value, created: [] };
  }

  async function deletePreparedTerms(terms: typeof preparedTerms, keep: Set<number>) {
    const prepared = await Promise.allSettled([...terms.entries()].map(async ([key, entry]) => ({ taxonomy: key.split(':')[0]!, result: await entry.done })));
    await Promise.allSettled(prepared.flatMap((entry) => entry.status === 'fulfilled'
      ? entry.value.result.terms.filter((term) => entry.value.result.created.includes(term.name) && !keep.has(term.id))
        .map((term) => rest(`/wp/v2/${entry.value.taxonomy}/${term.id}?force=true`, { method: 'DELETE' }))
      : []));
  }

  function streamedBlocks(body: BodyBlock[]): Block[] {
    shown = body.map((block, index) => {
      const key = JSON.stringify(block);
      if (shown[index]?.key === key) return shown[index]!;
      const native = toNativeBlocks([block]);
      return { key, native, html: wp.blocks.serialize(native) };
    });
    return shown.flatMap((entry) => entry.native);
  }

  /**
   * The post's HTML while it streams, from each block's HTML made once: the editor reads it on
   * every change (its autosave and dirty checks), and serializing the whole post each time is
   * what made a long post's updates long tasks. `serialize` joins blocks with a blank line too.
   */
  function streamedContent(): string {
    previewBaseHtml ??= previewBase?.length ? wp.blocks.serialize(previewBase) : '';
    return [...(previewBaseHtml ? [previewBaseHtml] : []), ...shown.map((entry) => entry.html)].join('\n\n');
  }

  function restoreSnapshot(snapshot: EditorSnapshot, options?: { undoIgnore: true }) {
    const data = readOwnSnapshot(snapshot);
    editAll({ title: data.title, excerpt: data.excerpt, tags: data.tags, categories: data.categories }, wp.blocks.parse(data.content), data.content, options);
  }

  /** Ends the preview at once (terms that arrive later show nothing); returns its prepared terms. */
  function endPreview(): typeof preparedTerms {
    const terms = new Map(preparedTerms);
    shown = [];
    lastPreview = undefined;
    previewBaseHtml = undefined;
    previewing = false;
    preparedTerms.clear();
    previewBase = undefined;
    wp.data.dispatch('core/editor').unlockPostAutosaving?.(AUTOSAVE_LOCK);
    return terms;
  }

  return {
    kind: 'block-editor',
    isReady() {
      return blockEditorReady(editor());
    },
    async read(): Promise<EditorContent> {
      const select = editor();
      return {
        title: select.getEditedPostAttribute('title') ?? '',
        excerpt: select.getEditedPostAttribute('excerpt') ?? '',
        tags: await termNames('tags', select.getEditedPostAttribute('tags') ?? []),
        categories: await termNames('categories', select.getEditedPostAttribute('categories') ?? []),
        bodyHtml: select.getEditedPostContent(),
      };
    },
    async siteCategories() {
      return (await listTerms(rest, 'categories')).map((term) => term.name);
    },
    async snapshot(): Promise<EditorSnapshot> {
      const select = editor();
      const data: Snapshot = {
        title: select.getEditedPostAttribute('title') ?? '',
        excerpt: select.getEditedPostAttribute('excerpt') ?? '',
        tags: select.getEditedPostAttribute('tags') ?? [],
        categories: select.getEditedPostAttribute('categories') ?? [],
        content: select.getEditedPostContent(),
      };
      return { kind: 'block-editor', data };
    },
    async apply(fill): Promise<ApplyReport> {
      const { edits, report } = await fieldEdits(fill, true);
      let blocks: Block[] | undefined;
      if (fill.body) {
        const created = toNativeBlocks(fill.body);
        blocks = fill.bodyMode === 'append' ? [...wp.data.select('core/block-editor').getBlocks(), ...created] : created;
      }
      editAll(edits, blocks);
      return report;
    },
    async restore(snapshot) {
      restoreSnapshot(snapshot);
    },
    async preview(fill) {
      // A half-written post is never autosaved.
      wp.data.dispatch('core/editor').lockPostAutosaving?.(AUTOSAVE_LOCK);
      previewing = true;
      lastPreview = fill;
      const changed = await showFields(fill);
      if (!fill.body) return;
      previewBase ??= fill.bodyMode === 'append' ? wp.data.select('core/block-editor').getBlocks() : [];
      // The editor renders each edit at once: new blocks go in a few per task, so none runs long.
      let from = 0;
      while (from < shown.length && shown[from]!.key === JSON.stringify(fill.body[from])) from++;
      for (let end = Math.min(from + BLOCKS_PER_TASK, fill.body.length); ; end = Math.min(end + BLOCKS_PER_TASK, fill.body.length)) {
        if (changed || end > from + BLOCKS_PER_TASK) await nextTask();
        if (!previewing) return;
        editAll({}, [...previewBase!, ...streamedBlocks(fill.body.slice(0, end))], streamedContent(), { undoIgnore: true });
        if (end >= fill.body.length) break;
      }
    },
    async discardPreview(snapshot) {
      const terms = endPreview();
      restoreSnapshot(snapshot, { undoIgnore: true });
      await deletePreparedTerms(terms, new Set());
    },
    async commitPreview(snapshot, fill) {
      const { edits, report } = await fieldEdits(fill, true);
      // Terms prepared for a list the final post no longer has are not left behind.
      await deletePreparedTerms(preparedTerms, new Set([...(edits.tags as number[] | undefined) ?? [], ...(edits.categories as number[] | undefined) ?? []]));
      const base = previewBase ?? (fill.bodyMode === 'append' ? wp.blocks.parse(readOwnSnapshot(snapshot).content) : []);
      const blocks = fill.body ? [...base, ...streamedBlocks(fill.body)] : undefined;
      // Back to the post as it was, outside the history, then the whole post as one undo step
      // from there; batched, so the editor renders only the final post, its blocks kept as shown.
      // Its HTML is the blocks' own, joined as `serialize` joins them, so nothing is serialized twice.
      batch(() => {
        restoreSnapshot(snapshot, { undoIgnore: true });
        editAll(edits, blocks, blocks ? streamedContent() : undefined);
      });
      endPreview();
      return report;
    },
  };
}
