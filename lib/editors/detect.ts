/** Page world: which editor this page is, as an adapter built from the page's own globals. */
import type { EditorAdapter } from './adapter';
import { createBlockEditorAdapter, type WpLike } from './block-editor';
import { createClassicEditorAdapter, type TinyMceLike } from './classic-editor';
import { createElementorAdapter, type ElementorCommandsLike, type ElementorCommonLike, type ElementorLike } from './elementor';
import { detectBlockEditor, detectClassicEditor, isElementorEditorPage } from './status';
import { restFromPage } from './page-rest';

interface EditorWindow extends Window {
  wp?: WpLike & { apiFetch?: WpLike['apiFetch']; autosave?: { server?: { suspend(): void; resume(): void } }; media?: { featuredImage?: { set(id: number): void } } };
  tinymce?: TinyMceLike;
  tagBox?: { quickClicks(element: Element): void };
  elementor?: ElementorLike & { config?: { document?: { id?: number } } };
  $e?: ElementorCommandsLike;
  elementorCommon?: ElementorCommonLike;
  ReactDOM?: { unstable_batchedUpdates?(work: () => void): void };
}

export function detectEditor(win: EditorWindow): EditorAdapter | null {
  // Elementor is known by its URL at once; its API arrives seconds later (isReady waits for it).
  if (isElementorEditorPage(win.location)) {
    return createElementorAdapter({
      elementor: () => win.elementor,
      $e: () => win.$e,
      elementorCommon: () => win.elementorCommon,
      rest: restFromPage(win),
      postId: Number(new URLSearchParams(win.location.search).get('post')),
      editorWindow: win,
    });
  }
  if (detectBlockEditor(win.wp, win.document)) {
    const batchedUpdates = win.ReactDOM?.unstable_batchedUpdates;
    return createBlockEditorAdapter(win.wp!, batchedUpdates ? (work) => batchedUpdates(work) : undefined);
  }
  if (detectClassicEditor(win.document)) {
    return createClassicEditorAdapter({
      document: win.document, tinymce: () => win.tinymce, tagBox: () => win.tagBox, autosave: () => win.wp?.autosave?.server,
      featuredImage: () => win.wp?.media?.featuredImage, rest: restFromPage(win),
    });
  }
  return null;
}
