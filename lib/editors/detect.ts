/** Page world: which editor this page is, as an adapter built from the page's own globals. */
import type { EditorAdapter } from './adapter';
import { createBlockEditorAdapter, detectBlockEditor, type WpLike } from './block-editor';
import { createClassicEditorAdapter, detectClassicEditor, type TinyMceLike } from './classic-editor';
import { restViaFetch } from './wp-terms';

interface EditorWindow extends Window {
  wp?: WpLike & { apiFetch?: WpLike['apiFetch'] };
  tinymce?: TinyMceLike;
  tagBox?: { quickClicks(element: Element): void };
  wpApiSettings?: { root?: string; nonce?: string };
}

/** REST with the page's login session: wp.apiFetch where loaded, else fetch with the page's nonce. */
function restFromPage(win: EditorWindow) {
  if (win.wp?.apiFetch) {
    const apiFetch = win.wp.apiFetch;
    return (path: string, init?: { method?: string; data?: unknown }) => apiFetch({ path, method: init?.method, data: init?.data });
  }
  const settings = win.wpApiSettings;
  return restViaFetch(settings?.root ?? `${win.location.origin}/wp-json/`, settings?.nonce ?? '', win.fetch.bind(win));
}

export function detectEditor(win: EditorWindow): EditorAdapter | null {
  if (detectBlockEditor(win.wp, win.document)) return createBlockEditorAdapter(win.wp!);
  if (detectClassicEditor(win.document)) {
    return createClassicEditorAdapter({ document: win.document, tinymce: () => win.tinymce, tagBox: () => win.tagBox, rest: restFromPage(win) });
  }
  return null;
}
