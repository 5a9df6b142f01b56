/**
 * Elementor's side of deleting an undone featured image (lib/editors/media.ts): its page settings
 * hold the image, its own history undoes and redoes them (an undone entry waits as `not_applied`),
 * and every change, undo and save is a `$e` command, so each command's end is a moment to look.
 * A save command ends before its request does (its result is no promise): the save counts as
 * running until the document is neither saving nor changed, looked at every SAVE_POLL_MS.
 */
import type { FeaturedMediaUse, WatchFeaturedMedia } from './media';

interface HistoryItem { get(key: 'status'): string }
interface WatchedDocument {
  container: { settings: { get(key: string): any } };
  history?: { getItems?(): { models?: HistoryItem[] } };
  editor?: { isSaving?: boolean; isChanged?: boolean };
}
export interface ElementorWatchDeps {
  document(): WatchedDocument | undefined;
  commands(): ElementorCommandEvents | undefined;
}
/** `$e.commands`: it tells of every command run. */
export interface ElementorCommandEvents { on?(event: 'run:after', callback: CommandListener): void; off?(event: 'run:after', callback: CommandListener): void }
/** What `$e.commands` passes after each command: its component and its name (then more). */
export type CommandListener = (component: unknown, command: string) => void;

const SAVE_POLL_MS = 100;
/** A save that never ends (the site refused it) stops being waited for. */
const SAVE_GIVE_UP_MS = 120_000;

export function watchElementorFeaturedMedia(deps: ElementorWatchDeps): WatchFeaturedMedia {
  return (mediaId, listener) => {
    // The saved post holds the image when it was in the page settings as a save ended.
    let savedWithIt = false;
    let last: FeaturedMediaUse | undefined;
    let saveStarted: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** `saveJustRan`: a save command has just returned, so it counts as running at least this once. */
    const read = (saveJustRan = false): FeaturedMediaUse => {
      const document = deps.document();
      const edited = Number(document?.container.settings.get('post_featured_image')?.id) === mediaId;
      const settled = !document?.editor?.isSaving && !document?.editor?.isChanged;
      if (!saveJustRan && saveStarted !== undefined && (settled || Date.now() - saveStarted > SAVE_GIVE_UP_MS)) saveStarted = undefined;
      const saving = saveStarted !== undefined || Boolean(document?.editor?.isSaving);
      if (last?.saving && !saving) savedWithIt = edited;
      const redoable = Boolean(document?.history?.getItems?.().models?.some((item) => item.get('status') === 'not_applied'));
      return { edited, saved: savedWithIt, redoable, saving };
    };
    const look = (saveJustRan = false) => {
      clearTimeout(timer);
      const use = read(saveJustRan);
      const changed = !last || (['edited', 'saved', 'redoable', 'saving'] as const).some((key) => use[key] !== last![key]);
      last = use;
      if (changed) listener(use);
      if (use.saving) timer = setTimeout(() => look(), SAVE_POLL_MS);
    };
    const afterCommand: CommandListener = (_component, command) => {
      const save = command.startsWith('document/save/');
      if (save) saveStarted = Date.now();
      look(save);
    };
    const commands = deps.commands();
    commands?.on?.('run:after', afterCommand);
    look();
    return () => {
      clearTimeout(timer);
      commands?.off?.('run:after', afterCommand);
    };
  };
}
