/** The classic editor (TinyMCE): filled through its own fields, tag box and category checklist. */
import { bodyToHtml } from '../content/body';
import type { ApplyReport, EditorAdapter, EditorContent, EditorSnapshot } from './adapter';
import type { RestRequest } from './wp-terms';
import { resolveTerms } from './wp-terms';
import { classicEditorReady } from './status';
import { readSnapshot } from './snapshot-data';

/** The slice of TinyMCE 4 this adapter uses. */
export interface TinyMceEditor {
  initialized?: boolean;
  getContent(): string;
  setContent(html: string): void;
  getBody(): HTMLElement;
  save(): void;
  fire(event: string): void;
  undoManager: { add(): void; ignore(callback: () => void): void };
}
export interface TinyMceLike { get(id: string): TinyMceEditor | null | undefined }

export interface ClassicEditorDeps {
  document: Document;
  /** Read on each use: TinyMCE and tags-box.js load after the adapter may have been made. */
  tinymce(): TinyMceLike | undefined;
  /** WordPress's own tag box script, to redraw the tag list after a change. */
  tagBox(): { quickClicks(element: Element): void } | undefined;
  /** WordPress's autosave (`wp.autosave.server`), held off while a post streams in. */
  autosave?(): { suspend(): void; resume(): void } | undefined;
  /** WordPress's Featured image box (`wp.media.featuredImage`): it redraws the box, and the form saves it. */
  featuredImage?(): { set(id: number): void } | undefined;
  rest?: RestRequest;
}

interface Snapshot { title: string; excerpt: string; slug: string; featured: string; tags: string; categoryIds: string[]; body: string }
const readOwnSnapshot = (snapshot: EditorSnapshot) => readSnapshot<Snapshot>(snapshot.data, { title: 'string', excerpt: 'string', slug: 'string', featured: 'string', tags: 'string', categoryIds: 'strings', body: 'string' });

const TAG_DELIMITER = ',';

export function createClassicEditorAdapter({ document, tinymce, tagBox, autosave, featuredImage, rest }: ClassicEditorDeps): EditorAdapter {
  const field = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector);
  const visualEditor = () => {
    const editor = tinymce()?.get('content');
    // In Text mode TinyMCE exists but is hidden; the textarea is the truth then.
    const textMode = field('#wp-content-wrap')?.classList.contains('html-active');
    return editor && editor.initialized !== false && !textMode ? editor : null;
  };
  const categoryBoxes = () => Array.from(document.querySelectorAll<HTMLInputElement>('#categorychecklist input[type="checkbox"]'));
  const categoryName = (box: HTMLInputElement) => (box.closest('label')?.textContent ?? '').trim();

  function setValue(element: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
    if (!element) return;
    element.value = value;
    // WordPress listens for these (autosave, the title's placeholder, word counts).
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function setTitle(title: string) {
    setValue(field<HTMLInputElement>('#title'), title);
    field('#title-prompt-text')?.classList.toggle('screen-reader-text', title !== '');
  }

  function setTags(value: string) {
    setValue(field<HTMLTextAreaElement>('#tax-input-post_tag'), value);
    const box = field('#post_tag');
    if (box) tagBox()?.quickClicks(box);
  }

  /** An undo level for a change the blogger made; none while a post streams in. */
  function setBody(html: string, undoLevel = true) {
    const editor = visualEditor();
    if (editor && undoLevel) {
      editor.setContent(html);
      editor.undoManager.add();
      editor.save();
      editor.fire('change');
    } else if (editor) {
      editor.undoManager.ignore(() => editor.setContent(html));
      editor.save();
    }
    setValue(field<HTMLTextAreaElement>('#content'), editor ? editor.getContent() : html);
  }

  function checkCategories(names: string[]): string[] {
    const wanted = new Map(names.map((name) => [name.trim().toLocaleLowerCase(), name]));
    const checked = new Set<string>();
    for (const box of categoryBoxes()) {
      const key = categoryName(box).toLocaleLowerCase();
      box.checked = wanted.has(key);
      if (box.checked) checked.add(key);
    }
    return [...wanted].filter(([key]) => !checked.has(key)).map(([, name]) => name);
  }

  function restoreFields(snapshot: EditorSnapshot, undoLevel: boolean) {
    const data = readOwnSnapshot(snapshot);
    setTitle(data.title);
    setValue(field<HTMLTextAreaElement>('#excerpt'), data.excerpt);
    setValue(field<HTMLInputElement>('#post_name'), data.slug);
    if (field<HTMLInputElement>('#_thumbnail_id') && field<HTMLInputElement>('#_thumbnail_id')!.value !== data.featured) featuredImage?.()?.set(Number(data.featured));
    setTags(data.tags);
    const ids = new Set(data.categoryIds);
    for (const box of categoryBoxes()) box.checked = ids.has(box.value);
    setBody(data.body, undoLevel);
  }

  /** The body before a preview, for append mode, and the blocks' HTML shown since. */
  let previewBase: string | undefined;
  let previewShown: string | undefined;

  /** Only what changed is written, so a field the blogger has the caret in keeps it. */
  function setIfChanged(selector: string, value: string, set: (value: string) => void) {
    if (field<HTMLInputElement | HTMLTextAreaElement>(selector)?.value !== value) set(value);
  }

  /** New blocks go after the ones shown, leaving TinyMCE's selection where it is. */
  function showBody(html: string) {
    const editor = visualEditor();
    const added = previewShown !== undefined && html.startsWith(previewShown) ? html.slice(previewShown.length) : undefined;
    if (editor && added !== undefined) {
      if (added) editor.undoManager.ignore(() => editor.getBody().insertAdjacentHTML('beforeend', added));
      editor.save();
      setValue(field<HTMLTextAreaElement>('#content'), editor.getContent());
    } else {
      setBody(previewBase ? `${previewBase}\n${html}` : html, false);
    }
    previewShown = html;
  }

  function readBody(): string {
    return visualEditor()?.getContent() ?? field<HTMLTextAreaElement>('#content')?.value ?? '';
  }

  return {
    kind: 'classic-editor',
    isReady() {
      return classicEditorReady(document, tinymce()?.get('content'));
    },
    async read(): Promise<EditorContent> {
      return {
        title: field<HTMLInputElement>('#title')?.value ?? '',
        excerpt: field<HTMLTextAreaElement>('#excerpt')?.value ?? '',
        tags: (field<HTMLTextAreaElement>('#tax-input-post_tag')?.value ?? '').split(TAG_DELIMITER).map((tag) => tag.trim()).filter(Boolean),
        categories: categoryBoxes().filter((box) => box.checked).map(categoryName),
        bodyHtml: readBody(),
      };
    },
    async siteCategories() {
      return categoryBoxes().map(categoryName).filter(Boolean);
    },
    async snapshot(): Promise<EditorSnapshot> {
      const data: Snapshot = {
        title: field<HTMLInputElement>('#title')?.value ?? '',
        excerpt: field<HTMLTextAreaElement>('#excerpt')?.value ?? '',
        slug: field<HTMLInputElement>('#post_name')?.value ?? '',
        featured: field<HTMLInputElement>('#_thumbnail_id')?.value ?? '-1',
        tags: field<HTMLTextAreaElement>('#tax-input-post_tag')?.value ?? '',
        categoryIds: categoryBoxes().filter((box) => box.checked).map((box) => box.value),
        body: readBody(),
      };
      return { kind: 'classic-editor', data };
    },
    async apply(fill, extra): Promise<ApplyReport> {
      const report: ApplyReport = { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] };
      if (fill.title !== undefined) setTitle(fill.title);
      if (extra?.featuredMedia) {
        const box = featuredImage?.();
        if (box) box.set(extra.featuredMedia.id);
        else report.warnings.push('This editor has no Featured image box, so the image is only in the media library.');
      }
      if (fill.excerpt !== undefined) setValue(field<HTMLTextAreaElement>('#excerpt'), fill.excerpt);
      // The Slug box's field, saved with the form; a post once published keeps its address.
      const slug = field<HTMLInputElement>('#post_name');
      if (fill.slug && slug && ['auto-draft', 'draft'].includes(field<HTMLInputElement>('#original_post_status')?.value ?? '')) {
        setValue(slug, fill.slug);
        report.slug = fill.slug;
      }
      // WordPress matches tag names to existing tags (case-insensitively) when the post is saved.
      if (fill.tags) setTags(fill.tags.join(`${TAG_DELIMITER} `));
      if (fill.categories) {
        const missing = checkCategories(fill.categories);
        if (missing.length && fill.createMissingCategories && rest) {
          const created = await resolveTerms(rest, 'categories', missing, true);
          for (const term of created.terms) addCategoryBox(term.id, term.name);
          report.categoriesCreated = created.created;
        } else {
          report.categoriesSkipped = missing;
        }
      }
      if (fill.body) {
        const html = bodyToHtml(fill.body);
        setBody(fill.bodyMode === 'append' ? `${readBody()}\n${html}` : html);
      }
      return report;
    },
    async restore(snapshot) {
      restoreFields(snapshot, true);
    },
    async preview(fill) {
      autosave?.()?.suspend();
      if (fill.title !== undefined) setIfChanged('#title', fill.title, setTitle);
      if (fill.excerpt !== undefined) setIfChanged('#excerpt', fill.excerpt, (value) => setValue(field<HTMLTextAreaElement>('#excerpt'), value));
      if (fill.tags) setIfChanged('#tax-input-post_tag', fill.tags.join(`${TAG_DELIMITER} `), setTags);
      if (fill.categories) checkCategories(fill.categories);
      if (fill.body) {
        previewBase ??= fill.bodyMode === 'append' ? readBody() : '';
        showBody(bodyToHtml(fill.body));
      }
    },
    async discardPreview(snapshot) {
      restoreFields(snapshot, false);
      previewBase = undefined;
      previewShown = undefined;
      autosave?.()?.resume();
    },
    async commitPreview(snapshot, fill, extra) {
      // The post as it was, outside TinyMCE's undo levels, then the whole post as one level.
      restoreFields(snapshot, false);
      previewBase = undefined;
      previewShown = undefined;
      const report = await this.apply(fill, extra);
      autosave?.()?.resume();
      return report;
    },
  };

  /** A category created just now gets a checked box, so saving the form assigns it. */
  function addCategoryBox(id: number, name: string) {
    const list = field('#categorychecklist');
    if (!list || list.querySelector(`input[value="${id}"]`)) return;
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.className = 'selectit';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'post_category[]';
    box.value = String(id);
    box.checked = true;
    label.append(box, ` ${name}`);
    item.append(label);
    list.prepend(item);
  }
}
