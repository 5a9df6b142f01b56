import { bodyToHtml, type BodyBlock } from '../content/body';
import type { ApplyReport, EditorAdapter, EditorContent, EditorSnapshot, FillExtra } from './adapter';
import { createMissing, findTerms, listTerms, type ResolvedTerms, type RestRequest } from './wp-terms';
import { blockEditorReady } from './status';
import { readSnapshot } from './snapshot-data';

/** The slice of `window.wp` this adapter uses. */
export interface Block { name: string; attributes: Record<string, unknown>; innerBlocks: Block[]; clientId?: string }
export interface WpLike {
  data: {
    select(store: string): any;
    dispatch(store: string): any;
    subscribe(listener: () => void): () => void;
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

/**
 * `undoIgnore`: no history at all. `isCached`: blocks only, the way the editor's own non-persistent
 * block changes reach core-data (6.1 keeps them as transient edits, 7.x stages them for the next
 * undo record); the preview's blocks go that way, so their restore must too.
 */
type EditOptions = { undoIgnore: true } | { isCached: true };

interface Snapshot { title: string; excerpt: string; slug: string; featured: number; tags: number[]; categories: number[]; content: string }
const readOwnSnapshot = (snapshot: EditorSnapshot) => readSnapshot<Snapshot>(snapshot.data, { title: 'string', excerpt: 'string', slug: 'string', featured: 'number', tags: 'numbers', categories: 'numbers', content: 'string' });

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
      if (block.type === 'kept') {
        // The post's own block, exactly as it was: parsed, never filtered like model output.
        flushProse();
        result.push(...wp.blocks.parse(block.html));
      } else if (block.type === 'code') {
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
  function editAll(edits: Record<string, unknown>, blocks?: Block[], exactContent?: string, options?: EditOptions) {
    const dispatch = wp.data.dispatch('core/editor');
    dispatch.editPost(blocks ? {
      ...edits,
      blocks,
      content: exactContent !== undefined
        ? () => exactContent
        : ({ blocks: current = [] }: { blocks?: Block[] }) => wp.blocks.serialize(current),
    } : edits, options);
  }

  /** A post that was never published may get its address; a published one keeps its links. */
  const mayRename = () => ['auto-draft', 'draft'].includes(editor().getCurrentPostAttribute?.('status'));

  /** Title, excerpt, term ids (and slug and SEO meta) to edit; `final` for the fill that stays (it reports what was created). */
  async function fieldEdits(fill: Parameters<EditorAdapter['apply']>[0], final: boolean, extra?: FillExtra): Promise<{ edits: Record<string, unknown>; report: ApplyReport }> {
    const report: ApplyReport = { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] };
    const edits: Record<string, unknown> = {};
    if (fill.title !== undefined) edits.title = fill.title;
    if (fill.excerpt !== undefined) edits.excerpt = fill.excerpt;
    if (final && fill.slug && mayRename()) report.slug = edits.slug = fill.slug;
    if (final && extra?.meta) edits.meta = extra.meta;
    if (final && extra?.featuredMedia) edits.featured_media = extra.featuredMedia.id;
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
  let bodyMode: 'replace' | 'append' = 'replace';
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

  /**
   * Brings the editor's blocks to the preview's through the block editor's own store: changed
   * blocks removed, new ones inserted a few per task, without moving the selection. The editor
   * then renders only those; handing it a whole new block list would re-render every block, a
   * long task once the post is long. Says whether the preview is still on.
   */
  async function showBlocks(body: BodyBlock[], waitFirst: boolean): Promise<boolean> {
    const blockEditor = wp.data.dispatch('core/block-editor');
    const outsideHistory = (change: () => void) => {
      blockEditor.__unstableMarkNextChangeAsNotPersistent();
      change();
    };
    let base = previewBase;
    if (!base) {
      base = previewBase = bodyMode === 'append' ? wp.data.select('core/block-editor').getBlocks() as Block[] : [];
      if (bodyMode === 'replace') outsideHistory(() => blockEditor.resetBlocks([]));
    }
    let same = 0;
    while (same < shown.length && shown[same]!.key === JSON.stringify(body[same])) same++;
    const stale = shown.splice(same).flatMap((entry) => entry.native.map((block) => block.clientId!));
    if (stale.length) outsideHistory(() => blockEditor.removeBlocks(stale, false));
    for (let from = same; from < body.length; from += BLOCKS_PER_TASK) {
      if (waitFirst || from > same) await nextTask();
      if (!previewing) return false;
      const entries = body.slice(from, from + BLOCKS_PER_TASK).map((block) => {
        const native = toNativeBlocks([block]);
        return { key: JSON.stringify(block), native, html: wp.blocks.serialize(native) };
      });
      const index = base.length + shown.reduce((count, entry) => count + entry.native.length, 0);
      shown.push(...entries);
      outsideHistory(() => blockEditor.insertBlocks(entries.flatMap((entry) => entry.native), index, undefined, false));
      editAll({ content: streamedContentEdit() }, undefined, undefined, { undoIgnore: true });
    }
    return previewing;
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
  /** As an edit: a function, which the editor calls instead of serializing the blocks. */
  function streamedContentEdit(): () => string {
    const html = streamedContent();
    return () => html;
  }

  /** The post as it was, outside the history: its blocks the way the preview's went in. */
  function restoreUnrecorded(snapshot: EditorSnapshot) {
    const data = readOwnSnapshot(snapshot);
    editAll({ title: data.title, excerpt: data.excerpt, tags: data.tags, categories: data.categories, content: data.content }, undefined, undefined, { undoIgnore: true });
    editAll({ blocks: wp.blocks.parse(data.content) }, undefined, undefined, { isCached: true });
  }

  function restoreSnapshot(snapshot: EditorSnapshot) {
    const data = readOwnSnapshot(snapshot);
    editAll({ title: data.title, excerpt: data.excerpt, slug: data.slug, featured_media: data.featured, tags: data.tags, categories: data.categories }, wp.blocks.parse(data.content), data.content);
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
        slug: select.getEditedPostAttribute('slug') ?? '',
        featured: select.getEditedPostAttribute('featured_media') ?? 0,
        tags: select.getEditedPostAttribute('tags') ?? [],
        categories: select.getEditedPostAttribute('categories') ?? [],
        content: select.getEditedPostContent(),
      };
      return { kind: 'block-editor', data };
    },
    async apply(fill, extra): Promise<ApplyReport> {
      const { edits, report } = await fieldEdits(fill, true, extra);
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
      bodyMode = fill.bodyMode === 'append' ? 'append' : 'replace';
      const changed = await showFields(fill);
      if (fill.body) await showBlocks(fill.body, changed);
    },
    async discardPreview(snapshot) {
      const terms = endPreview();
      restoreUnrecorded(snapshot);
      await deletePreparedTerms(terms, new Set());
    },
    async commitPreview(snapshot, fill, extra) {
      const { edits, report } = await fieldEdits(fill, true, extra);
      // Terms prepared for a list the final post no longer has are not left behind.
      await deletePreparedTerms(preparedTerms, new Set([...(edits.tags as number[] | undefined) ?? [], ...(edits.categories as number[] | undefined) ?? []]));
      if (fill.body && !await showBlocks(fill.body, false)) throw new Error('The preview was ended while it was being written in.');
      // The edit below in a task of its own: with the editor's render after it, it runs 40-60 ms.
      await nextTask();
      if (!previewing) throw new Error('The preview was ended while it was being written in.');
      // Back to the post as it was, outside the history, then the whole post as one undo step
      // from there, batched into one render. The blocks are the very list the editor shows, so
      // it re-renders none of them; the HTML is the blocks' own, made once per block.
      const blocks = fill.body ? wp.data.select('core/block-editor').getBlocks() : undefined;
      batch(() => {
        restoreUnrecorded(snapshot);
        editAll(edits, blocks, blocks ? streamedContent() : undefined);
      });
      endPreview();
      return report;
    },
    watchFeaturedMedia(mediaId, listener) {
      const use = () => {
        const select = editor();
        return {
          edited: select.getEditedPostAttribute('featured_media') === mediaId,
          saved: select.getCurrentPostAttribute('featured_media') === mediaId,
          redoable: Boolean(select.hasEditorRedo()),
          saving: Boolean(select.isSavingPost() && !select.isAutosavingPost()),
        };
      };
      let last = use();
      listener(last);
      // Every store change calls back (typing too): compare four booleans, pass on real changes.
      return wp.data.subscribe(() => {
        const next = use();
        if (next.edited === last.edited && next.saved === last.saved && next.redoable === last.redoable && next.saving === last.saving) return;
        last = next;
        listener(next);
      });
    },
  };
}
