/** Page world: which editor this page is, as an adapter built from the page's own globals. */
import type { EditorAdapter } from './adapter';
import { createBlockEditorAdapter, detectBlockEditor, type WpLike } from './block-editor';

interface EditorWindow extends Window {
  wp?: WpLike;
}

export function detectEditor(win: EditorWindow): EditorAdapter | null {
  if (detectBlockEditor(win.wp, win.document)) return createBlockEditorAdapter(win.wp!);
  return null;
}
