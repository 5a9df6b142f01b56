/**
 * Elementor: title and excerpt through the document's page settings, the body as native widgets
 * in one container (Heading widgets, Text Editor widgets for the prose between), all inside one
 * entry of Elementor's own history. Tags and categories over the REST API.
 */
import { blockToHtml, type BodyBlock } from '../content/body';
import { align } from '../content/diff';
import type { ApplyReport, EditorAdapter, EditorContent, EditorSnapshot, FillExtra } from './adapter';
import { listTerms, resolveTerms, type RestRequest } from './wp-terms';
import { elementorReady, type ElementorCommandsGlobal } from './status';
import { readSnapshot } from './snapshot-data';
import { watchElementorFeaturedMedia, type ElementorCommandEvents } from './elementor-media-watch';
import { PressPilotError } from '../errors';

/** The slice of Elementor's editor API this adapter uses. */
export interface ElementorContainer {
  id: string;
  model: { get(key: string): any; toJSON(options?: unknown): any };
  settings: { get(key: string): any };
  children: ElementorContainer[];
  parent?: ElementorContainer;
  view?: { $el?: { length: number } };
}
/** What Elementor's element-rendered and element-destroyed events carry. */
interface ElementLifecycleEvent extends Event { detail?: { elementView?: { getContainer?(): ElementorContainer | undefined } } }
export interface ElementorLike {
  loaded?: boolean;
  documents: { getCurrent(): { id: number; container: ElementorContainer; history?: { setActive(active: boolean): void; getItems?(): { models?: Array<{ get(key: 'status'): string }> } }; editor?: { isChanged?: boolean; isSaving?: boolean } } | undefined };
  getPanelView?(): { getCurrentPageName?(): string } | undefined;
  /** The preview frame: Elementor announces each element it renders or removes to its window. */
  $preview?: ArrayLike<{ contentWindow: EventTarget | null }>;
}
export interface ElementorCommandsLike extends ElementorCommandsGlobal {
  run(command: string, args?: Record<string, unknown>): any;
  internal(command: string, args?: Record<string, unknown>): any;
  commands?: ElementorCommandEvents;
}
export interface ElementorCommonLike { config?: { experimentalFeatures?: Record<string, boolean> } }

export interface ElementorDeps {
  /** Read on each use: Elementor's globals appear seconds after the page. */
  elementor(): ElementorLike | undefined;
  $e(): ElementorCommandsLike | undefined;
  elementorCommon(): ElementorCommonLike | undefined;
  rest: RestRequest;
  postId: number;
  /** The editor's window, where Elementor announces the end of every command. */
  editorWindow: EventTarget;
}

/** Terms and slug are the saved post's (REST), null when the site would not say. */
interface Snapshot { title: string; excerpt: string; featured: Record<string, unknown>; elements: Array<Record<string, unknown>>; tags: number[] | null; categories: number[] | null; slug: string | null }
type Fill = Parameters<EditorAdapter['apply']>[0];
const readOwnSnapshot = (snapshot: EditorSnapshot) => readSnapshot<Snapshot>(snapshot.data, { title: 'string', excerpt: 'string', featured: 'object', elements: 'objects', tags: 'numbers-or-null', categories: 'numbers-or-null', slug: 'string-or-null' });

export interface ElementModel {
  id: string;
  elType: 'container' | 'section' | 'column' | 'widget';
  widgetType?: string;
  isInner?: boolean;
  settings: Record<string, unknown>;
  elements: ElementModel[];
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

const LIFECYCLE_EVENTS = ['elementor/editor/element-rendered', 'elementor/editor/element-destroyed'];
const COMMAND_END = 'elementor/commands/run/after';

function uniqueId(): string {
  return Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0').slice(0, 7);
}

function widget(widgetType: string, settings: Record<string, unknown>): ElementModel {
  return { id: uniqueId(), elType: 'widget', widgetType, settings, elements: [] };
}

/** The body's widgets: a Heading widget per heading, one Text Editor widget per run of other blocks. */
function bodyWidgets(blocks: BodyBlock[]): ElementModel[] {
  const widgets: ElementModel[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length) widgets.push(widget('text-editor', { editor: prose.join('\n') }));
    prose = [];
  };
  for (const block of blocks) {
    if (block.type === 'heading') {
      flush();
      widgets.push(widget('heading', { title: block.html, header_size: `h${block.level}` }));
    } else if (block.type === 'kept') {
      // What a rewrite kept (an embed, a form, a script) belongs in an HTML widget, as it was.
      flush();
      widgets.push(widget('html', { html: block.html }));
    } else {
      prose.push(blockToHtml(block));
    }
  }
  flush();
  return widgets;
}

function sectionElement(widgets: ElementModel[], useContainers: boolean): ElementModel {
  if (useContainers) return { id: uniqueId(), elType: 'container', settings: {}, elements: widgets };
  const column: ElementModel = { id: uniqueId(), elType: 'column', settings: { _column_size: 100 }, elements: widgets };
  return { id: uniqueId(), elType: 'section', settings: {}, elements: [column] };
}

/**
 * The body as Elementor elements: one container for all its widgets. Elementor's own creation of
 * a container runs 50-130 ms (it copies the container's whole control config seven times), so a
 * container per section would cost the blogger a stutter per section while the post streams in.
 */
export function bodyToElements(body: BodyBlock[], useContainers: boolean): ElementModel[] {
  return [sectionElement(bodyWidgets(body), useContainers)];
}

/** The widgets a rewrite writes text into, and the setting that holds it. */
const TEXT_SETTING: Record<string, string> = { heading: 'title', 'text-editor': 'editor' };

/** Two pieces of markup compared the way a rewrite's read and the page may write them. */
const sameMarkup = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s</g, '><').trim();

/**
 * The adapter reaches widgets through Elementor's containers, which its preview builds: a widget
 * whose template threw is in the page's data but has none, and a rewrite would write around it.
 */
function assertEveryElementShown(container: ElementorContainer) {
  const inData = container.model.get('elements')?.length;
  if (typeof inData === 'number' && inData !== container.children.length) {
    throw new PressPilotError('editor-failed', 'Elementor could not show every element of this page, so PressPilot left it as it is. Reload the editor and try again.', true);
  }
  container.children.forEach(assertEveryElementShown);
}

/** The page's text widgets in reading order. */
function textWidgets(container: ElementorContainer): ElementorContainer[] {
  if (container.model.get('elType') === 'widget') return container.model.get('widgetType') in TEXT_SETTING ? [container] : [];
  return container.children.flatMap(textWidgets);
}

/** What makes two widgets the same, whatever their ids. */
const widgetKey = (model: ElementModel) => JSON.stringify([model.widgetType, model.settings]);

function containerToHtml(container: ElementorContainer): string {
  const model = container.model;
  if (model.get('elType') === 'widget') {
    const settings = container.settings;
    switch (model.get('widgetType')) {
      case 'heading': {
        const size = /^h[1-6]$/.test(settings.get('header_size') ?? '') ? settings.get('header_size') : 'h2';
        return `<${size}>${settings.get('title') ?? ''}</${size}>`;
      }
      case 'text-editor': return settings.get('editor') ?? '';
      case 'html': return settings.get('html') ?? '';
      case 'image': {
        const image = settings.get('image') as { url?: string } | undefined;
        return image?.url ? `<img src="${image.url}" alt="">` : '';
      }
      default: return '';
    }
  }
  return container.children.map(containerToHtml).filter(Boolean).join('\n');
}

export function createElementorAdapter(deps: ElementorDeps): EditorAdapter {
  const editor = () => {
    const elementor = deps.elementor();
    const document = elementor?.documents.getCurrent();
    const commands = deps.$e();
    if (!elementor || !document || !commands) throw new Error('Elementor is not loaded.');
    return { elementor, container: document.container, commands };
  };
  const useContainers = () => deps.elementorCommon()?.config?.experimentalFeatures?.container !== false;

  async function savedPost(): Promise<{ tags: number[]; categories: number[]; slug: string; status: string } | null> {
    try {
      return await deps.rest(`/wp/v2/posts/${deps.postId}?context=edit&_fields=tags,categories,slug,status`) as { tags: number[]; categories: number[]; slug: string; status: string };
    } catch {
      return null;
    }
  }

  async function termNames(taxonomy: 'tags' | 'categories', ids: number[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const terms = await deps.rest(`/wp/v2/${taxonomy}?include=${ids.join(',')}&per_page=100&_fields=id,name`) as Array<{ name: string }>;
    return terms.map((term) => term.name);
  }

  /** Runs the commands as one entry of Elementor's own history (one Ctrl+Z undoes them). */
  function inOneHistoryStep(title: string, work: () => void) {
    const { commands } = editor();
    const historyId = commands.internal('document/history/start-log', { type: 'add', title });
    try {
      work();
    } finally {
      commands.internal('document/history/end-log', { id: historyId });
    }
  }

  function createElements(models: Array<Record<string, unknown>>): ElementorContainer[] {
    const { container, commands } = editor();
    return models.map((model) => commands.run('document/elements/create', { container, model, options: { edit: false } }) as ElementorContainer);
  }

  /** Commands Elementor's history does not record: a preview, and the way back from it. */
  function outsideHistory<T>(work: () => T): T {
    const history = deps.elementor()?.documents.getCurrent()?.history;
    history?.setActive(false);
    try {
      return work();
    } finally {
      history?.setActive(true);
    }
  }

  /**
   * While a post streams in: its container and the widgets shown, so an update touches only what
   * changed: the growing Text Editor widget gets its new text, new widgets are added.
   */
  let shown: { element: ElementorContainer; widgets: Array<{ key: string; element: ElementorContainer }> } | undefined;
  let previewing = false;
  /** Whether a streamed command runs now: its announcements are held (see holdAnnouncements). */
  let streaming = false;
  /** Whether the page had unsaved changes before the preview: Elementor autosaves only a changed page. */
  let changedBefore: boolean | undefined;

  /**
   * Elementor announces what it did, and its listeners redo page-wide work for each announcement:
   * Elementor 3's containers work out all their settings again for each element rendered (2 ms a
   * container), Elementor 4's panels go through the whole page at the end of every command (4 ms a
   * container, a third of a widget's creation). While a post streams in, the announcements of
   * the streamed elements and commands go no further than these listeners, which run first; at
   * the commit each streamed command's last one goes out once, and the page's listeners catch up.
   * A discard sends none: its own commands announce the page put back, where the streamed
   * elements no longer are.
   */
  let releaseAnnouncements: ((announce: boolean) => void) | undefined;
  function holdAnnouncements() {
    const preview = deps.elementor()?.$preview?.[0]?.contentWindow;
    if (releaseAnnouncements || !preview) return;
    const isStreamed = (container: ElementorContainer | undefined): boolean => Boolean(container && (container.id === shown?.element.id || isStreamed(container.parent)));
    const hold = (event: Event) => {
      if (isStreamed((event as ElementLifecycleEvent).detail?.elementView?.getContainer?.())) event.stopImmediatePropagation();
    };
    const held = new Map<string, unknown>();
    const holdCommandEnd = (event: Event) => {
      const detail = (event as CustomEvent<{ command?: string }>).detail;
      if (!streaming || !detail?.command) return;
      held.set(detail.command, detail);
      event.stopImmediatePropagation();
    };
    for (const name of LIFECYCLE_EVENTS) preview.addEventListener(name, hold, true);
    deps.editorWindow.addEventListener(COMMAND_END, holdCommandEnd, true);
    releaseAnnouncements = (announce) => {
      for (const name of LIFECYCLE_EVENTS) preview.removeEventListener(name, hold, true);
      deps.editorWindow.removeEventListener(COMMAND_END, holdCommandEnd, true);
      releaseAnnouncements = undefined;
      if (announce) for (const detail of held.values()) deps.editorWindow.dispatchEvent(new CustomEvent(COMMAND_END, { detail }));
    };
  }

  /** A command of the stream: outside the history, its announcement held. */
  function streamed<T>(work: () => T): T {
    streaming = true;
    try {
      return outsideHistory(work);
    } finally {
      streaming = false;
    }
  }

  /** Where the widgets go: the container itself, or a classic section's only column. */
  const widgetParent = (section: ElementorContainer) => (section.model.get('elType') === 'section' ? section.children[0]! : section);

  /**
   * Brings the page's streamed widgets to the body's, outside the history: a growing text gets its
   * new text in place, and each new widget goes in a task of its own, so that no task runs long
   * however long the post (Elementor renders each widget it creates). Says whether the preview
   * is still on.
   */
  async function showBody(body: BodyBlock[], bodyMode: Fill['bodyMode']): Promise<boolean> {
    const { commands } = editor();
    holdAnnouncements();
    if (!shown) {
      // Each in a task of its own, apart from the title's: Elementor's emptying of the page and
      // its creation of a container run 50-130 ms each.
      previewing = true;
      await nextTask();
      if (!previewing) return false;
      if (bodyMode !== 'append') streamed(() => commands.run('document/elements/empty', { force: true }));
      await nextTask();
      if (!previewing) return false;
      shown = { element: streamed(() => createElements([sectionElement([], useContainers()) as unknown as Record<string, unknown>])[0]!), widgets: [] };
    }
    const section = shown;
    const widgets = bodyWidgets(body);
    let same = 0;
    while (same < section.widgets.length && section.widgets[same]!.key === widgetKey(widgets[same]!)) same++;
    const growing = section.widgets[same];
    if (growing && same === section.widgets.length - 1 && widgets[same]?.widgetType === 'text-editor' && growing.element.model.get('widgetType') === 'text-editor') {
      // The internal command: the growing text is no edit of the blogger's to record.
      streamed(() => commands.internal('document/elements/set-settings', { container: growing.element, settings: widgets[same]!.settings, options: { external: true } }));
      growing.key = widgetKey(widgets[same]!);
      same++;
    }
    for (const stale of section.widgets.splice(same).reverse()) streamed(() => commands.run('document/elements/delete', { container: stale.element }));
    for (const model of widgets.slice(same)) {
      await nextTask();
      if (!previewing) return false;
      // Keyed before the command: Elementor writes the widget type into the settings it is given.
      const key = widgetKey(model);
      section.widgets.push({ key, element: streamed(() => commands.run('document/elements/create', { container: widgetParent(section.element), model, options: { edit: false } }) as ElementorContainer) });
    }
    return previewing;
  }

  function markChanged(changed: boolean) {
    editor().commands.internal('document/save/set-is-modified', { status: changed });
  }

    /** The page settings' Featured image, as plain JSON ({ id, url }; empty without one). */
  const featuredImageOf = (container: ElementorContainer): Record<string, unknown> => {
    const value = container.settings.get('post_featured_image');
    return value && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : { id: '', url: '' };
  };

  /** The page's elements as plain JSON, the way Elementor saves them. */
  const pageElements = (container: ElementorContainer) => container.children.map((child) => child.model.toJSON({ remove: ['default', 'editSettings', 'defaultEditSettings'] }));

  function putBody(elements: Array<Record<string, unknown>>) {
    editor().commands.run('document/elements/empty', { force: true });
    createElements(elements);
  }

  function putBack(data: Snapshot, withBody = true) {
    const { container, commands } = editor();
    commands.run('document/elements/settings', { container, settings: { post_title: data.title, post_excerpt: data.excerpt, post_featured_image: data.featured }, options: { external: true } });
    if (withBody) putBody(data.elements);
  }

  /**
   * A change made outside the history, then recorded as one entry whose undo and redo put either
   * version of the page back. (Elementor's settings command records its change later, in an entry
   * of its own, so it is not used inside one.) The page after the change is read when the entry
   * is undone, the page then being just that: reading a long post's elements takes 70 ms.
   */
  function asOneHistoryEntry(before: Snapshot, withBody: boolean, change: () => void) {
    const { container, commands } = editor();
    outsideHistory(change);
    let after: Snapshot | undefined;
    inOneHistoryStep('PressPilot', () => commands.internal('document/history/log-sub-item', {
      container,
      type: 'change',
      restore: (_item: unknown, isRedo: boolean) => {
        if (!isRedo) after = { ...before, title: container.settings.get('post_title') ?? '', excerpt: container.settings.get('post_excerpt') ?? '', featured: featuredImageOf(container), elements: pageElements(container) };
        putBack(isRedo && after ? after : before, withBody);
      },
    }));
    markChanged(true);
  }

  function setPageSettings(fill: Fill, extra?: FillExtra) {
    const settings = pageSettings(fill, extra);
    if (Object.keys(settings).length) editor().commands.run('document/elements/settings', { container: editor().container, settings, options: { external: true } });
  }

  /**
   * A rewrite keeps the page's design: each text widget (Heading, Text Editor) gets its new text
   * and keeps every other setting; the widgets it has no text for (images, buttons, forms...) and
   * the sections and their styling stay as they are. Text the page has no widget for goes in a new
   * widget after the one before it; a text widget the rewrite has nothing for goes.
   */
  function rewriteText(body: BodyBlock[]) {
    const { container, commands } = editor();
    const old = textWidgets(container);
    // A text widget the rewrite kept whole (a <pre>, a form in a Text Editor) lines up with its kept block and stays.
    const keptHtml = new Set(body.flatMap((block) => (block.type === 'kept' ? [sameMarkup(block.html)] : [])));
    const typeOf = (widget: ElementorContainer) => (keptHtml.has(sameMarkup(containerToHtml(widget))) ? 'kept' : widget.model.get('widgetType') as string);
    const fresh = bodyWidgets(body).filter((model) => model.widgetType! in TEXT_SETTING || model.widgetType === 'html');
    const freshType = (model: ElementModel) => (model.widgetType === 'html' ? 'kept' : model.widgetType!);
    let previous: ElementorContainer | undefined;
    for (const [oldIndex, freshIndex] of align(old.map(typeOf), fresh.map(freshType), (left, right) => left === right)) {
      const widget = oldIndex === undefined ? undefined : old[oldIndex]!;
      const model = freshIndex === undefined ? undefined : fresh[freshIndex]!;
      // Kept blocks are the page's own widgets, where they are: nothing to write, create or delete.
      if ((widget && typeOf(widget) === 'kept') || (model && freshType(model) === 'kept')) {
        if (widget) previous = widget;
      } else if (widget && model) {
        const key = TEXT_SETTING[model.widgetType!]!;
        const settings: Record<string, unknown> = { [key]: model.settings[key] };
        if (widget.settings.get(key) !== settings[key]) commands.internal('document/elements/set-settings', { container: widget, settings, options: { external: true } });
        previous = widget;
      } else if (widget) {
        commands.run('document/elements/delete', { container: widget });
      } else if (model) {
        const parent = previous?.parent ?? widgetParent(container.children[0] ?? createElements([sectionElement([], useContainers()) as unknown as Record<string, unknown>])[0]!);
        const at = previous ? parent.children.indexOf(previous) + 1 : 0;
        previous = commands.run('document/elements/create', { container: parent, model, options: { at, edit: false } }) as ElementorContainer;
      }
    }
  }

  /** The page settings a fill changes; the featured image is the page settings' own control. */
  function pageSettings(fill: Fill, extra?: FillExtra): Record<string, unknown> {
    const settings: Record<string, unknown> = {};
    if (fill.title !== undefined) settings.post_title = fill.title;
    if (fill.excerpt !== undefined) settings.post_excerpt = fill.excerpt;
    if (extra?.featuredMedia) settings.post_featured_image = { id: extra.featuredMedia.id, url: extra.featuredMedia.url };
    return settings;
  }

  /**
   * Tags, categories and the slug of a never-published post over REST (Elementor's page settings
   * have no slug), first: once the content shows, a save cannot race them.
   */
  async function setTerms(fill: Fill, snapshot: Snapshot): Promise<ApplyReport> {
    const report: ApplyReport = { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] };
    const slug = fill.slug && snapshot.slug !== null ? fill.slug : undefined;
    if (!fill.tags && !fill.categories && !slug) return report;
    try {
      const [tags, categories] = await Promise.all([
        fill.tags && resolveTerms(deps.rest, 'tags', fill.tags, true),
        fill.categories && resolveTerms(deps.rest, 'categories', fill.categories, fill.createMissingCategories),
      ]);
      const data: Record<string, number[] | string> = slug ? { slug } : {};
      if (tags) { data.tags = tags.terms.map((term) => term.id); report.tagsCreated = tags.created; }
      if (categories) {
        if (categories.terms.length) data.categories = categories.terms.map((term) => term.id);
        report.categoriesCreated = categories.created;
        report.categoriesSkipped = categories.skipped;
      }
      const saved = await deps.rest(`/wp/v2/posts/${deps.postId}`, { method: 'POST', data }) as { slug?: string } | undefined;
      // WordPress makes a draft's slug unique over REST: the report says the one it has.
      if (slug) report.slug = saved?.slug || slug;
    } catch (error) {
      report.warnings.push(`The site's REST API refused the request (${error instanceof Error ? error.message : String(error)}), so ${slug ? 'tags, categories and the address were' : 'tags and categories were'} not set. The rest of the post is in the editor.`);
    }
    return report;
  }

  return {
    watchFeaturedMedia: watchElementorFeaturedMedia({ document: () => deps.elementor()?.documents.getCurrent(), commands: () => deps.$e()?.commands }),
    kind: 'elementor',
    isReady() {
      return elementorReady(deps.elementor(), deps.$e());
    },
    async read(): Promise<EditorContent> {
      const { container } = editor();
      assertEveryElementShown(container);
      const terms = await savedPost();
      return {
        title: container.settings.get('post_title') ?? '',
        excerpt: container.settings.get('post_excerpt') ?? '',
        tags: terms ? await termNames('tags', terms.tags) : [],
        categories: terms ? await termNames('categories', terms.categories) : [],
        bodyHtml: containerToHtml(container),
      };
    },
    async siteCategories() {
      return (await listTerms(deps.rest, 'categories')).map((term) => term.name);
    },
    async snapshot(): Promise<EditorSnapshot> {
      const { container } = editor();
      const terms = await savedPost();
      const data: Snapshot = {
        title: container.settings.get('post_title') ?? '',
        excerpt: container.settings.get('post_excerpt') ?? '',
        featured: featuredImageOf(container),
        elements: pageElements(container),
        tags: terms?.tags ?? null,
        categories: terms?.categories ?? null,
        slug: terms && ['draft', 'auto-draft'].includes(terms.status) ? terms.slug : null,
      };
      return { kind: 'elementor', data };
    },
    async apply(fill, extra): Promise<ApplyReport> {
      // Before anything changes, terms included.
      if (fill.bodyMode === 'rewrite' && fill.body) assertEveryElementShown(editor().container);
      const before = readOwnSnapshot(await this.snapshot());
      const report = await setTerms(fill, before);
      if (fill.bodyMode === 'rewrite' && fill.body) {
        const body = fill.body;
        asOneHistoryEntry(before, true, () => {
          setPageSettings(fill, extra);
          rewriteText(body);
        });
        return report;
      }
      inOneHistoryStep('PressPilot', () => {
        const { container, commands } = editor();
        const settings = pageSettings(fill, extra);
        if (Object.keys(settings).length) commands.run('document/elements/settings', { container, settings, options: { external: true } });
        if (fill.body) {
          if (fill.bodyMode !== 'append') commands.run('document/elements/empty', { force: true });
          createElements(bodyToElements(fill.body, useContainers()) as unknown as Array<Record<string, unknown>>);
        }
      });
      return report;
    },
    async restore(snapshot) {
      const data = readOwnSnapshot(snapshot);
      inOneHistoryStep('PressPilot undo', () => putBack(data));
      const saved = { ...(data.tags && data.categories ? { tags: data.tags, categories: data.categories } : {}), ...(data.slug !== null ? { slug: data.slug } : {}) };
      if (Object.keys(saved).length) await deps.rest(`/wp/v2/posts/${deps.postId}`, { method: 'POST', data: saved }).catch(() => undefined);
    },
    async preview(fill) {
      changedBefore ??= Boolean(deps.elementor()?.documents.getCurrent()?.editor?.isChanged);
      // Terms go over REST, outside any undo: they are only set by the final fill.
      // Only what changed: each settings command on the page makes Elementor redo its page-wide work.
      const { container } = editor();
      const settings = Object.fromEntries(Object.entries(pageSettings(fill)).filter(([key, value]) => container.settings.get(key) !== value));
      if (Object.keys(settings).length) outsideHistory(() => editor().commands.run('document/elements/settings', { container, settings, options: { external: true } }));
      if (fill.body) await showBody(fill.body, fill.bodyMode);
      // Nothing half-written is autosaved: Elementor autosaves a minute after the last change, and
      // skips a page with no changes. Once per update: Elementor 4 redraws its top bar each time.
      if (deps.elementor()?.documents.getCurrent()?.editor?.isChanged !== false) streamed(() => markChanged(false));
    },
    async discardPreview(snapshot) {
      previewing = false;
      shown = undefined;
      releaseAnnouncements?.(false);
      outsideHistory(() => putBack(readOwnSnapshot(snapshot)));
      markChanged(changedBefore ?? false);
      changedBefore = undefined;
    },
    async commitPreview(snapshot, fill, extra) {
      if (fill.body && !await showBody(fill.body, fill.bodyMode)) throw new Error('The preview was ended while it was being written in.');
      const report = await setTerms(fill, readOwnSnapshot(snapshot));
      // Without building the page again: it is all there already.
      asOneHistoryEntry(readOwnSnapshot(snapshot), Boolean(fill.body), () => setPageSettings(fill, extra));
      releaseAnnouncements?.(true);
      previewing = false;
      shown = undefined;
      changedBefore = undefined;
      return report;
    },
  };
}
