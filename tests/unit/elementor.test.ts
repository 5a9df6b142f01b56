import { describe, expect, it } from 'vitest';
import { EditorFillSchema } from '../../lib/editors/adapter';
import { createElementorAdapter } from '../../lib/editors/elementor';
import type { RestRequest } from '../../lib/editors/wp-terms';
import type { BodyBlock } from '../../lib/content/body';
import { createElementorStandIn } from '../support/elementor-stand-in';

/** A WordPress REST API in memory: tags, categories and one post's term ids. */
function fakeRest(options: { tags?: string[]; categories?: string[]; refuse?: boolean; status?: string } = {}) {
  let nextId = 100;
  const store = {
    tags: (options.tags ?? []).map((name) => ({ id: nextId++, name })),
    categories: (options.categories ?? []).map((name) => ({ id: nextId++, name })),
  };
  const post = { tags: [] as number[], categories: [] as number[], slug: 'old-address', status: options.status ?? 'draft' };
  const requests: string[] = [];
  const rest: RestRequest = async (path, init) => {
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    if (options.refuse) throw new Error("The site's REST API answered 403: rest_forbidden");
    const url = new URL(path, 'http://site');
    const taxonomy = url.pathname.match(/^\/wp\/v2\/(tags|categories)$/)?.[1] as 'tags' | 'categories' | undefined;
    if (taxonomy && init?.method === 'POST') {
      const term = { id: nextId++, name: (init.data as { name: string }).name };
      store[taxonomy].push(term);
      return term;
    }
    if (taxonomy) {
      const search = url.searchParams.get('search')?.toLowerCase();
      const include = url.searchParams.get('include')?.split(',').map(Number);
      return store[taxonomy].filter((term) => (!search || term.name.toLowerCase().includes(search)) && (!include || include.includes(term.id)));
    }
    if (/^\/wp\/v2\/posts\/42$/.test(url.pathname)) {
      if (init?.method === 'POST') Object.assign(post, init.data);
      return { ...post };
    }
    throw new Error(`unexpected ${path}`);
  };
  return { rest, store, post, requests };
}

function setUp(options: Parameters<typeof createElementorStandIn>[0] = {}, restOptions: Parameters<typeof fakeRest>[0] = {}) {
  const standIn = createElementorStandIn(options);
  const site = fakeRest(restOptions);
  const adapter = createElementorAdapter({
    elementor: () => standIn.elementor,
    $e: () => standIn.$e,
    elementorCommon: () => standIn.elementorCommon,
    rest: site.rest,
    postId: 42,
    editorWindow: standIn.editorWindow,
  });
  return { standIn, site, adapter };
}

const body: BodyBlock[] = [
  { type: 'paragraph', html: 'Intro <strong>bold</strong>.' },
  { type: 'heading', level: 2, html: 'First' },
  { type: 'paragraph', html: 'One.' },
  { type: 'heading', level: 3, html: 'Detail' },
  { type: 'code', language: 'python', code: 'print("<hi>")' },
  { type: 'table', html: '<table><tbody><tr><td>a</td></tr></tbody></table>' },
  { type: 'heading', level: 2, html: 'Second' },
  { type: 'list', ordered: false, html: '<ul><li>x</li></ul>' },
];

const fill = (overrides: Partial<Parameters<typeof EditorFillSchema.parse>[0]> = {}) => EditorFillSchema.parse({
  title: 'New title', excerpt: 'New description', tags: ['Python', 'threads'], categories: ['Programming', 'Gardening'], body, ...overrides,
});

const widgetsOf = (element: any): string[] => element.elements.flatMap((child: any) => (child.elType === 'widget' ? [child.widgetType] : widgetsOf(child)));

describe('Elementor adapter', () => {
  it('gives a never-published post the slug over REST (Elementor has no slug setting), and undo puts the old one back', async () => {
    const { adapter, site } = setUp();
    const snapshot = await adapter.snapshot();
    const report = await adapter.apply(fill({ slug: 'python-threads' }));
    expect(report.slug).toBe('python-threads');
    expect(site.post.slug).toBe('python-threads');
    await adapter.restore(snapshot);
    expect(site.post.slug).toBe('old-address');
  });

  it('leaves a published post its address', async () => {
    const { adapter, site } = setUp({}, { status: 'publish' });
    const report = await adapter.apply(fill({ slug: 'python-threads' }));
    expect(report.slug).toBeUndefined();
    expect(site.post.slug).toBe('old-address');
  });

  it('replace: one history step holding the page settings, an empty with force, and one create for the body', async () => {
    const { standIn, adapter } = setUp();
    await adapter.apply(fill());
    const sequence = standIn.calls.map((call) => `${call.kind} ${call.command}`);
    expect(sequence).toEqual([
      'internal document/history/start-log',
      'run document/elements/settings',
      'run document/elements/empty',
      'run document/elements/create',
      'internal document/history/end-log',
    ]);
    expect(standIn.calls[1]!.args).toMatchObject({ settings: { post_title: 'New title', post_excerpt: 'New description' }, options: { external: true } });
    expect(standIn.calls[1]!.args.container).toBe(standIn.document);
    expect(standIn.calls[2]!.args).toEqual({ force: true });
    expect(standIn.calls[3]!.args.container).toBe(standIn.document);
    expect(standIn.openLogs).toEqual([]);
    expect(standIn.history).toHaveLength(1);
  });

  it('builds one container of Heading and Text Editor widgets, a Text Editor per run of prose, code and tables intact', async () => {
    const { standIn, adapter } = setUp();
    await adapter.apply(fill());
    const tree = standIn.elementor.elements.toJSON() as any[];
    expect(tree.map((element) => element.elType)).toEqual(['container']);
    expect(tree.map(widgetsOf)).toEqual([['text-editor', 'heading', 'text-editor', 'heading', 'text-editor', 'heading', 'text-editor']]);
    const widgets = tree[0].elements;
    expect(widgets[1].settings).toEqual({ title: 'First', header_size: 'h2' });
    expect(widgets[3].settings).toEqual({ title: 'Detail', header_size: 'h3' });
    expect(widgets[4].settings.editor).toBe('<pre class="language-python"><code class="language-python">print(&quot;&lt;hi&gt;&quot;)</code></pre>\n<table><tbody><tr><td>a</td></tr></tbody></table>');
    expect(standIn.document.settings.get('post_title')).toBe('New title');
    expect(standIn.document.settings.get('post_excerpt')).toBe('New description');
  });

  it('uses sections with one full-width column on sites without Flexbox Containers', async () => {
    const { standIn, adapter } = setUp({ containers: false });
    await adapter.apply(fill({ tags: undefined, categories: undefined }));
    const tree = standIn.elementor.elements.toJSON() as any[];
    expect(tree.map((element) => element.elType)).toEqual(['section']);
    expect(tree[0].elements.length === 1 && tree[0].elements[0].elType === 'column' && tree[0].elements[0].settings._column_size === 100).toBe(true);
    expect(widgetsOf(tree[0]).slice(-2)).toEqual(['heading', 'text-editor']);
  });

  it('append keeps the existing elements and sends no empty', async () => {
    const { standIn, adapter } = setUp();
    standIn.$e.run('document/elements/create', { container: standIn.document, model: { id: 'old1', elType: 'container', settings: {}, elements: [] } });
    standIn.calls.length = 0;
    await adapter.apply(fill({ bodyMode: 'append', title: undefined, excerpt: undefined, tags: undefined, categories: undefined }));
    expect(standIn.calls.map((call) => call.command)).not.toContain('document/elements/empty');
    expect(standIn.calls.map((call) => call.command)).not.toContain('document/elements/settings');
    expect(standIn.document.children.map((child) => child.id)[0]).toBe('old1');
    expect(standIn.document.children).toHaveLength(2);
  });

  it('is not ready before Elementor has loaded and attached its document and has the widgets\' controls', () => {
    expect(setUp({ loaded: false }).adapter.isReady()).toBe(false);
    expect(setUp({ attached: false }).adapter.isReady()).toBe(false);
    expect(setUp({ controlsLoaded: false }).adapter.isReady()).toBe(false);
    expect(setUp().adapter.isReady()).toBe(true);
  });

  it('reuses existing terms case-insensitively, creates missing tags, skips missing categories unless asked', async () => {
    const { site, adapter } = setUp({}, { tags: ['python'], categories: ['Programming', 'Uncategorized'] });
    const report = await adapter.apply(fill());
    const python = site.store.tags.find((term) => term.name === 'python')!;
    const threads = site.store.tags.find((term) => term.name === 'threads')!;
    expect(site.store.tags).toHaveLength(2);
    expect(site.post.tags).toEqual([python.id, threads.id]);
    expect(site.post.categories).toEqual([site.store.categories[0]!.id]);
    expect(report).toMatchObject({ tagsCreated: ['threads'], categoriesSkipped: ['Gardening'], categoriesCreated: [], warnings: [] });

    const withCreate = setUp({}, { categories: ['Programming'] });
    const created = await withCreate.adapter.apply(fill({ createMissingCategories: true }));
    expect(created.categoriesCreated).toEqual(['Gardening']);
    expect(withCreate.site.post.categories).toHaveLength(2);
  });

  it('when the REST API is blocked, says so and still fills the widgets', async () => {
    const { standIn, adapter } = setUp({}, { refuse: true });
    const report = await adapter.apply(fill());
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/REST API refused.*403.*tags and categories were not set/);
    expect(widgetsOf(standIn.elementor.elements.toJSON()[0])).toHaveLength(7);
  });

  it('undo puts back the exact element tree, title, excerpt and terms', async () => {
    const { standIn, site, adapter } = setUp({ postTitle: 'Original', postExcerpt: 'Original excerpt' }, { tags: ['old'] });
    standIn.$e.run('document/elements/create', {
      container: standIn.document,
      model: { id: 'keep1', elType: 'container', settings: { flex_direction: 'row' }, elements: [{ id: 'w1', elType: 'widget', widgetType: 'text-editor', settings: { editor: '<p>Hand-written</p>' }, elements: [] }] },
    });
    site.post.tags = [site.store.tags[0]!.id];
    const before = standIn.elementor.elements.toJSON();
    const snapshot = await adapter.snapshot();
    await adapter.apply(fill());
    expect(standIn.elementor.elements.toJSON()).not.toEqual(before);
    standIn.calls.length = 0;
    await adapter.restore(JSON.parse(JSON.stringify(snapshot)));
    expect(standIn.elementor.elements.toJSON()).toEqual(before);
    expect(standIn.document.settings.get('post_title')).toBe('Original');
    expect(standIn.document.settings.get('post_excerpt')).toBe('Original excerpt');
    expect(site.post).toEqual({ tags: [site.store.tags[0]!.id], categories: [], slug: 'old-address', status: 'draft' });
    expect(standIn.calls[0]).toMatchObject({ kind: 'internal', command: 'document/history/start-log' });
    expect(standIn.calls.at(-1)).toMatchObject({ kind: 'internal', command: 'document/history/end-log' });
  });

  it('reads the page settings, terms and the widgets as HTML for rewriting', async () => {
    const { standIn, site, adapter } = setUp({ postTitle: 'Post', postExcerpt: 'Summary' }, { tags: ['alpha'], categories: ['News'] });
    site.post.tags = [site.store.tags[0]!.id];
    site.post.categories = [site.store.categories[0]!.id];
    standIn.$e.run('document/elements/create', {
      container: standIn.document,
      model: { id: 'c1', elType: 'container', settings: {}, elements: [
        { id: 'h', elType: 'widget', widgetType: 'heading', settings: { title: 'Hello', header_size: 'h3' }, elements: [] },
        { id: 't', elType: 'widget', widgetType: 'text-editor', settings: { editor: '<p>World</p>' }, elements: [] },
        { id: 'b', elType: 'widget', widgetType: 'button', settings: { text: 'Buy' }, elements: [] },
      ] },
    });
    expect(await adapter.read()).toEqual({ title: 'Post', excerpt: 'Summary', tags: ['alpha'], categories: ['News'], bodyHtml: '<h3>Hello</h3>\n<p>World</p>' });
  });

  it('refuses to apply when Elementor is not loaded, leaving nothing half-done', async () => {
    const adapter = createElementorAdapter({ elementor: () => undefined, $e: () => undefined, elementorCommon: () => undefined, rest: fakeRest().rest, postId: 42, editorWindow: new EventTarget() });
    await expect(adapter.apply(fill({ tags: undefined, categories: undefined }))).rejects.toThrow(/not loaded/);
  });
});

describe('Elementor preview while a post streams in', () => {
  /** The body as it streams: every finished block, one more each update. */
  const long: BodyBlock[] = Array.from({ length: 6 }, (_, section) => [
    { type: 'heading', level: 2, html: `Section ${section}` } as BodyBlock,
    ...Array.from({ length: 5 }, (_, paragraph) => ({ type: 'paragraph', html: `Paragraph ${section}.${paragraph}.` }) as BodyBlock),
  ]).flat();
  const stream = async (adapter: ReturnType<typeof setUp>['adapter']) => {
    for (let written = 1; written <= long.length; written++) await adapter.preview(fill({ body: long.slice(0, written), tags: undefined, categories: undefined }));
  };
  const creates = (standIn: ReturnType<typeof setUp>['standIn']) => standIn.calls.filter((call) => call.command === 'document/elements/create').length;

  it('creates the container once and each widget once, growing the last text in place, outside the history and unsaved', async () => {
    const { standIn, adapter } = setUp();
    await stream(adapter);
    // One container, then each widget as it is written, never created again: the text grows in place.
    expect(creates(standIn)).toBe(1 + 12);
    expect(standIn.calls.filter((call) => call.command === 'document/elements/delete')).toHaveLength(0);
    expect(standIn.history).toHaveLength(0);
    expect(standIn.elementor.documents.getCurrent().editor.isChanged).toBe(false);
    const tree = standIn.elementor.elements.toJSON() as any[];
    expect(tree.map(widgetsOf)).toEqual([Array.from({ length: 6 }, () => ['heading', 'text-editor']).flat()]);
    expect(tree[0].elements[11].settings.editor).toBe(Array.from({ length: 5 }, (_, paragraph) => `<p>Paragraph 5.${paragraph}.</p>`).join('\n'));
  });

  it('creates one widget per task, so that no task holds more than one of Elementor\'s renders', async () => {
    const { standIn, adapter } = setUp();
    const perTask: number[] = [];
    let count = 0;
    const timer = setInterval(() => { perTask.push(creates(standIn) - count); count = creates(standIn); }, 0);
    await adapter.preview(fill({ body: long.slice(0, 12), tags: undefined, categories: undefined }));
    clearInterval(timer);
    expect(creates(standIn)).toBe(1 + 4);
    expect(Math.max(...perTask)).toBeLessThanOrEqual(1);
  });

  it('keeps the end of each streamed command from the page\'s listeners, and announces each kind once at the commit', async () => {
    const { standIn, adapter } = setUp();
    const heard: string[] = [];
    standIn.editorWindow.addEventListener('elementor/commands/run/after', (event) => heard.push((event as CustomEvent).detail.command));
    const snapshot = await adapter.snapshot();
    await stream(adapter);
    // The title's settings and the unsaved mark are the blogger's to see at once.
    expect(heard.filter((command) => command.startsWith('document/elements/') && command !== 'document/elements/settings')).toEqual([]);
    heard.length = 0;
    await adapter.commitPreview(snapshot, fill({ body: long, tags: undefined, categories: undefined }));
    expect(heard.filter((command) => command === 'document/elements/create')).toHaveLength(1);
    expect(heard.filter((command) => command === 'document/elements/set-settings')).toHaveLength(1);
    // The stream over, a command of the blogger's is heard as ever.
    heard.length = 0;
    standIn.$e.run('document/elements/create', { container: standIn.document, model: { id: 'own1', elType: 'container', settings: {}, elements: [] } });
    expect(heard).toEqual(['document/elements/create']);
  });

  it('after a discard, announces only the page put back, never the streamed elements that are gone', async () => {
    const { standIn, adapter } = setUp();
    standIn.$e.run('document/elements/create', { container: standIn.document, model: { id: 'old1', elType: 'container', settings: {}, elements: [] } });
    const heard: unknown[] = [];
    standIn.editorWindow.addEventListener('elementor/commands/run/after', (event) => heard.push((event as CustomEvent).detail.args));
    const snapshot = await adapter.snapshot();
    await stream(adapter);
    heard.length = 0;
    await adapter.discardPreview(snapshot);
    expect(standIn.document.children.map((child) => child.id)).toEqual(['old1']);
    // Every create heard is the put-back one: the old container, nothing streamed.
    const created = heard.filter((args: any) => args?.model).map((args: any) => args.model.id);
    expect(created).toEqual(['old1']);
  });

  it('keeps Elementor\'s announcements of the streamed elements from the page\'s listeners until the commit', async () => {
    const { standIn, adapter } = setUp();
    const snapshot = await adapter.snapshot();
    const partial = fill({ body: long.slice(0, 3), tags: undefined, categories: undefined });
    await adapter.preview(partial);
    // Added after the stream began, as Elementor 3 adds one for each container it renders.
    const heard: string[] = [];
    standIn.previewWindow.addEventListener('elementor/editor/element-rendered', (event) => heard.push((event as CustomEvent).detail.elementView.getContainer().id));
    const streamedText = standIn.document.children[0]!.children[1]!;
    const bloggers = standIn.$e.run('document/elements/create', { container: standIn.document, model: { id: 'own1', elType: 'container', settings: {}, elements: [] } });
    standIn.announceRendered(streamedText);
    standIn.announceRendered(bloggers);
    expect(heard).toEqual(['own1']);
    await adapter.commitPreview(snapshot, partial);
    standIn.announceRendered(streamedText);
    expect(heard).toEqual(['own1', streamedText.id]);
  });

  it('commits as one history entry without building the page again; undo and redo put either page back', async () => {
    const { standIn, adapter } = setUp();
    standIn.$e.run('document/elements/create', { container: standIn.document, model: { id: 'old1', elType: 'container', settings: {}, elements: [] } });
    const snapshot = await adapter.snapshot();
    await stream(adapter);
    const createdWhileStreaming = creates(standIn);
    const streamed = JSON.stringify(standIn.elementor.elements.toJSON());
    await adapter.commitPreview(snapshot, fill({ body: long, tags: undefined, categories: undefined }));
    expect(creates(standIn)).toBe(createdWhileStreaming);
    expect(JSON.stringify(standIn.elementor.elements.toJSON())).toBe(streamed);
    expect(standIn.history).toHaveLength(1);
    expect(standIn.document.settings.get('post_title')).toBe('New title');
    expect(standIn.elementor.documents.getCurrent().editor.isChanged).toBe(true);
    // The page equals the one written at once.
    const atOnce = setUp();
    await atOnce.adapter.apply(fill({ body: long, tags: undefined, categories: undefined }));
    const shape = (tree: any[]) => JSON.stringify(tree.map((element) => element.elements.map((child: any) => [child.widgetType, child.settings])));
    expect(shape(standIn.elementor.elements.toJSON())).toBe(shape(atOnce.standIn.elementor.elements.toJSON()));

    standIn.undo();
    expect(standIn.document.children.map((child) => child.id)).toEqual(['old1']);
    standIn.redo();
    expect(JSON.stringify(standIn.elementor.elements.toJSON())).toBe(streamed);
    expect(standIn.isHistoryActive()).toBe(true);
  });
});

describe('Elementor rewrite', () => {
  /** A designed page: styled text widgets, an image and a button between them, two sections. */
  const designed = [
    { id: 's1', elType: 'container', settings: { background_color: '#102030' }, elements: [
      { id: 'h1', elType: 'widget', widgetType: 'heading', settings: { title: 'Old heading', header_size: 'h2', title_color: '#ff0000' }, elements: [] },
      { id: 't1', elType: 'widget', widgetType: 'text-editor', settings: { editor: '<p>Old text.</p>', typography_font_size: { size: 18 } }, elements: [] },
      { id: 'i1', elType: 'widget', widgetType: 'image', settings: { image: { url: 'https://example.com/a.jpg' } }, elements: [] },
      { id: 'b1', elType: 'widget', widgetType: 'button', settings: { text: 'Book now', link: { url: 'https://example.com/book' } }, elements: [] },
      { id: 'p1', elType: 'widget', widgetType: 'text-editor', settings: { editor: '<pre>Hours\nWeekends by <em>appointment</em></pre>' }, elements: [] },
    ] },
    { id: 's2', elType: 'container', settings: { padding: { top: 40 } }, elements: [
      { id: 'h2', elType: 'widget', widgetType: 'heading', settings: { title: 'Second', header_size: 'h2' }, elements: [] },
      { id: 't2', elType: 'widget', widgetType: 'text-editor', settings: { editor: '<p>Unchanged text.</p>' }, elements: [] },
    ] },
  ];
  const rewritten: BodyBlock[] = [
    { type: 'heading', level: 2, html: 'New heading' },
    { type: 'paragraph', html: 'New text.' },
    // The Text Editor the read kept whole, as a rewrite gives it back.
    { type: 'kept', id: '1', html: '<pre>Hours\nWeekends by <em>appointment</em></pre>' },
    { type: 'heading', level: 2, html: 'Second' },
    { type: 'paragraph', html: 'Unchanged text.' },
    { type: 'heading', level: 3, html: 'A new part' },
    { type: 'paragraph', html: 'Added text.' },
  ];
  const pageOf = (standIn: ReturnType<typeof setUp>['standIn']) => JSON.parse(JSON.stringify(standIn.elementor.elements.toJSON()));

  it('writes only the text of the text widgets: sections, styling, images and buttons stay exactly; one entry undoes it', async () => {
    const { standIn, adapter } = setUp();
    for (const model of designed) standIn.$e.run('document/elements/create', { container: standIn.document, model });
    const before = pageOf(standIn);
    await adapter.apply(fill({ body: rewritten, bodyMode: 'rewrite', tags: undefined, categories: undefined }));
    const after = pageOf(standIn);
    const [first, second] = after;
    expect(first.settings).toEqual(before[0].settings);
    expect(first.elements.map((widget: any) => widget.id)).toEqual(['h1', 't1', 'i1', 'b1', 'p1']);
    expect(first.elements[0].settings).toEqual({ title: 'New heading', header_size: 'h2', title_color: '#ff0000' });
    expect(first.elements[1].settings).toEqual({ editor: '<p>New text.</p>', typography_font_size: { size: 18 } });
    expect(first.elements.slice(2)).toEqual(before[0].elements.slice(2));
    // The section the rewrite did not change is the same, and the new text follows its last widget.
    expect(second.settings).toEqual(before[1].settings);
    expect(second.elements.slice(0, 2)).toEqual(before[1].elements);
    expect(second.elements.slice(2).map((widget: any) => [widget.widgetType, widget.settings])).toEqual([
      ['heading', { title: 'A new part', header_size: 'h3' }],
      ['text-editor', { editor: '<p>Added text.</p>' }],
    ]);
    expect(standIn.calls.filter((call) => call.command === 'document/elements/empty')).toHaveLength(0);
    expect(standIn.history).toHaveLength(1);
    expect(standIn.document.settings.get('post_title')).toBe('New title');

    standIn.undo();
    expect(pageOf(standIn)).toEqual(before);
    expect(standIn.document.settings.get('post_title')).toBe('Old title');
  });

  it('refuses to read or rewrite a page whose preview left an element out, and changes nothing', async () => {
    const { standIn, adapter } = setUp();
    for (const model of designed) standIn.$e.run('document/elements/create', { container: standIn.document, model });
    // The second section's Text Editor is in the page's data, but its template threw.
    standIn.document.children[1]!.unshown = 1;
    const before = pageOf(standIn);
    await expect(adapter.read()).rejects.toThrow(/could not show every element.*Reload the editor/);
    await expect(adapter.apply(fill({ body: rewritten, bodyMode: 'rewrite', tags: undefined, categories: undefined }))).rejects.toThrow(/could not show every element/);
    expect(pageOf(standIn)).toEqual(before);
    expect(standIn.document.settings.get('post_title')).toBe('Old title');
  });
});
