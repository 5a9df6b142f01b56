/** Page world: which editor this page is, as an adapter built from the page's own globals. */
import type { EditorAdapter } from './adapter';
import { createBlockEditorAdapter, type WpLike } from './block-editor';
import { createClassicEditorAdapter, type TinyMceLike } from './classic-editor';
import { createElementorAdapter, type ElementorCommandsLike, type ElementorCommonLike, type ElementorLike } from './elementor';
import { detectBlockEditor, detectClassicEditor, isElementorEditorPage } from './status';
import { restViaFetch, type RestRequest } from './wp-terms';

interface EditorWindow extends Window {
  wp?: WpLike & { apiFetch?: WpLike['apiFetch']; autosave?: { server?: { suspend(): void; resume(): void } } };
  tinymce?: TinyMceLike;
  tagBox?: { quickClicks(element: Element): void };
  wpApiSettings?: { root?: string; nonce?: string };
  elementor?: ElementorLike & { config?: { document?: { id?: number } } };
  $e?: ElementorCommandsLike;
  elementorCommon?: ElementorCommonLike;
  ReactDOM?: { unstable_batchedUpdates?(work: () => void): void };
}

/** REST with the page's login session: wp.apiFetch where loaded, else fetch with the page's nonce. */
function restFromPage(win: EditorWindow): RestRequest {
  // Looked up per call: these globals are defined after the adapter is made.
  return (path, init) => {
    if (win.wp?.apiFetch) return win.wp.apiFetch({ path, method: init?.method, data: init?.data });
    const settings = win.wpApiSettings;
    return restViaFetch(settings?.root ?? `${win.location.origin}/wp-json/`, settings?.nonce ?? '', win.fetch.bind(win))(path, init);
  };
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
    });
  }
  if (detectBlockEditor(win.wp, win.document)) {
    const batchedUpdates = win.ReactDOM?.unstable_batchedUpdates;
    return createBlockEditorAdapter(win.wp!, batchedUpdates ? (work) => batchedUpdates(work) : undefined);
  }
  if (detectClassicEditor(win.document)) {
    return createClassicEditorAdapter({
      document: win.document, tinymce: () => win.tinymce, tagBox: () => win.tagBox, autosave: () => win.wp?.autosave?.server, rest: restFromPage(win),
    });
  }
  return null;
}
