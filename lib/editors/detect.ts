/** Page world: which editor this page is, as an adapter built from the page's own globals. */
import type { EditorAdapter } from './adapter';
import { createBlockEditorAdapter, detectBlockEditor, type WpLike } from './block-editor';
import { createClassicEditorAdapter, detectClassicEditor } from './classic-editor';
import { createElementorAdapter, detectElementor, type ElementorDeps } from './elementor';
import { restViaFetch } from './wp-terms';

interface EditorWindow extends Window {
  wp?: WpLike;
  tinymce?: any;
  elementor?: any;
  $e?: any;
  wpApiSettings?: { root?: string; nonce?: string };
}

/** The REST root and nonce the page exposes for logged-in requests. */
function restFromPage(win: EditorWindow) {
  const settings = win.wpApiSettings;
  const root = settings?.root ?? `${win.location.origin}/wp-json/`;
  const nonce = settings?.nonce ?? win.elementor?.config?.rest?.nonce ?? '';
  return restViaFetch(root, nonce, win.fetch.bind(win));
}

export function detectEditor(win: EditorWindow): EditorAdapter | null {
  if (detectElementor(win)) {
    const postId = Number(win.elementor?.config?.document?.id ?? new URLSearchParams(win.location.search).get('post'));
    return createElementorAdapter({ elementor: win.elementor, $e: win.$e, rest: restFromPage(win), postId } as ElementorDeps);
  }
  if (detectBlockEditor(win.wp, win.document)) return createBlockEditorAdapter(win.wp!);
  if (detectClassicEditor(win.document)) return createClassicEditorAdapter({ document: win.document, tinymce: win.tinymce, rest: restFromPage(win) });
  return null;
}
