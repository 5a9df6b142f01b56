/**
 * Which editor a page has and whether it takes commands yet. This is what the page-world stub
 * answers on every editor page (lib/bridge-stub.ts), so it stays small: the adapters that do the
 * work load only when a job needs them.
 */
import type { EditorKind } from './adapter';
import type { EditorStatus } from '../messaging/protocol';

/** The page globals the editors bring (read on each use: they appear after document_start). */
export interface EditorGlobals {
  wp?: { data?: { select?(store: string): any }; blocks?: unknown };
  tinymce?: { get(id: string): { initialized?: boolean } | null | undefined };
  elementor?: {
    loaded?: boolean;
    documents?: { getCurrent(): { container?: { view?: { $el?: { length: number } } } } | undefined };
    getPanelView?(): { getCurrentPageName?(): string } | undefined;
  };
  $e?: ElementorCommandsGlobal;
}

export function isElementorEditorPage(location: { search: string }): boolean {
  return new URLSearchParams(location.search).get('action') === 'elementor';
}

export function detectBlockEditor(wp: EditorGlobals['wp'], document: Document): boolean {
  return Boolean(wp?.data?.select?.('core/editor') && wp.blocks && document.body?.classList.contains('block-editor-page'));
}

export function detectClassicEditor(document: Document): boolean {
  return Boolean(document.querySelector('form#post #title') && document.querySelector('textarea#content') && !document.body?.classList.contains('block-editor-page'));
}

export function blockEditorReady(select: any): boolean {
  if (!select || select.getCurrentPostId() == null) return false;
  return typeof select.__unstableIsEditorReady === 'function' ? select.__unstableIsEditorReady() : true;
}

export function classicEditorReady(document: Document, editor: { initialized?: boolean } | null | undefined): boolean {
  return Boolean(document.querySelector('#title') && (editor?.initialized || document.querySelector('#wp-content-wrap')?.classList.contains('html-active')));
}

/** Elementor's `$e`, as far as readiness needs it. */
export interface ElementorCommandsGlobal { components?: { get(name: string): { stateReadyOnce?: boolean } | undefined } }

export function elementorReady(elementor: EditorGlobals['elementor'], commands: ElementorCommandsGlobal | undefined): boolean {
  if (!elementor?.loaded || !commands) return false;
  // `loaded` turns true before the document is attached: wait for its view and the panel; and
  // for the widgets' full controls, which arrive by AJAX later: a widget created before them
  // has no defaults, its template throws and it is left out of the preview.
  const document = elementor.documents?.getCurrent();
  return Boolean(document?.container?.view?.$el?.length && elementor.getPanelView?.()?.getCurrentPageName?.() && commands.components?.get('panel')?.stateReadyOnce);
}

export function editorKind(win: Window & EditorGlobals): EditorKind | null {
  // Elementor is known by its URL at once; its API arrives seconds later.
  if (isElementorEditorPage(win.location)) return 'elementor';
  if (detectBlockEditor(win.wp, win.document)) return 'block-editor';
  if (detectClassicEditor(win.document)) return 'classic-editor';
  return null;
}

export function editorStatus(win: Window & EditorGlobals): EditorStatus {
  const kind = editorKind(win);
  const ready = kind === 'block-editor' ? blockEditorReady(win.wp?.data?.select?.('core/editor'))
    : kind === 'classic-editor' ? classicEditorReady(win.document, win.tinymce?.get('content'))
      : kind === 'elementor' ? elementorReady(win.elementor, win.$e) : false;
  return { kind, ready };
}
