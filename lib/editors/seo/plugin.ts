/**
 * The site's SEO plugin, as far as a fill writes it: the search title, the meta description and
 * the focus keyphrases. One file per plugin; each finds itself on the page (never assumed) and
 * writes through the plugin's own store or API, so its panel shows the values at once and the
 * editor's own save stores them. Recipes and traps: ../shared/notes/seo-plugins.md.
 */
import type { EditorKind, EditorFill } from '../adapter';

export type SeoValues = NonNullable<EditorFill['seo']>;

export interface SeoPlugin {
  /** As the blogger knows it, for the report. */
  readonly name: string;
  /** The fields it takes, for the report: "title, description, keyphrase". */
  readonly fields: string;
  /**
   * Post meta the block editor saves with the post, for a plugin that follows core meta: written
   * in the same edit as the rest of the post, one undo step. Undefined: the plugin needs `write`.
   */
  meta?(values: SeoValues): Record<string, string> | undefined;
  /** Written once the post is in, with its address: it reloads Elementor's preview, or saves the slug itself. */
  readonly afterPost?: boolean;
  read(): Promise<SeoValues>;
  write(values: SeoValues): Promise<void>;
}

/** The page globals a plugin detector reads. */
export type SeoPage = Window & Record<string, any>;

export type DetectSeoPlugin = (win: SeoPage, kind: EditorKind) => SeoPlugin | null;

/** The editor's post meta in the block editor, where plugins that register their keys show them. */
export function blockEditorMeta(win: SeoPage): Record<string, unknown> | undefined {
  return win.wp?.data?.select('core/editor')?.getEditedPostAttribute('meta') ?? undefined;
}

/** Elementor's editor (not the block editor, where `$e` exists too when Elementor is active). */
export function inElementor(win: SeoPage): boolean {
  return Boolean(win.elementor?.documents);
}

/** Tells Elementor its document changed, so its Save saves the plugin's values with the page. */
export function markElementorChanged(win: SeoPage): void {
  if (inElementor(win)) win.$e.internal('document/save/set-is-modified', { status: true });
}

/** Reloads Elementor's preview, which keeps unsaved edits, and waits until it is back. */
export async function reloadElementorPreview(win: SeoPage): Promise<void> {
  let reloaded = false;
  win.elementor.once?.('preview:loaded', () => { reloaded = true; });
  win.elementor.reloadPreview();
  await waitForValue(() => reloaded, 1200);
}

/**
 * Some plugins start their Elementor app only when their panel tab is first shown: it is shown
 * once, then the blogger's panel is put back.
 */
export async function showElementorPanelOnce(win: SeoPage, route: string, started: () => unknown): Promise<void> {
  if (started()) return;
  const shown = win.$e.routes?.getCurrent?.('panel');
  const shownArgs = win.$e.routes?.getCurrentArgs?.('panel');
  // The plugin registers its tab some time after Elementor is up.
  await waitForValue(() => { try { win.$e.route(route); return true; } catch { return false; } });
  await waitForValue(started);
  if (typeof shown === 'string' && shown !== route) win.$e.route(shown, shownArgs);
}

/** Polls a frame at a time for what a plugin mounts after the editor, on its own schedule. */
export async function waitForValue<T>(find: () => T | undefined | null, frames = 300): Promise<T | undefined> {
  for (let frame = 0; frame < frames; frame++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return undefined;
}
