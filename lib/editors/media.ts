/**
 * Page world: the featured image into the site's media library over REST, with the page's own
 * login, and out of it again on undo.
 */
import type { FeaturedImage } from './adapter';
import type { RestRequest } from './wp-terms';

export interface UploadedMedia { id: number; url: string }

export async function uploadFeaturedImage(rest: RestRequest, image: FeaturedImage): Promise<UploadedMedia> {
  const bytes = Uint8Array.from(atob(image.base64), (char) => char.charCodeAt(0));
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: image.mime }), image.fileName);
  form.append('alt_text', image.alt);
  form.append('title', image.alt);
  const media = await rest('/wp/v2/media', { method: 'POST', body: form }) as { id?: unknown; source_url?: unknown } | null;
  if (!Number.isInteger(media?.id)) throw new Error('the site did not say where it put the image');
  return { id: media!.id as number, url: String(media!.source_url ?? '') };
}

export async function deleteMedia(rest: RestRequest, id: number, keepalive = false): Promise<void> {
  await rest(`/wp/v2/media/${id}?force=true`, { method: 'DELETE', keepalive });
}

/** Where an uploaded featured image stands in the editor, reported on every change. */
export interface FeaturedMediaUse {
  /** The post in the editor has it as its featured image. */
  edited: boolean;
  /** The post as last saved has it. */
  saved: boolean;
  /** The editor can redo (true right after an undo, false after any new edit). */
  redoable: boolean;
  /** A save by the blogger (not an autosave) is running. */
  saving: boolean;
}
export type WatchFeaturedMedia = (mediaId: number, listener: (use: FeaturedMediaUse) => void) => () => void;

/**
 * An uploaded featured image that the blogger undoes in the editor (Ctrl+Z) leaves the media
 * library once that undo is final: at their next save, or when the page goes. Not before, so a
 * redo still finds it; never while the saved post uses it. An image the blogger replaced or
 * removed by hand is theirs to keep. Returns a stop function.
 */
export function deleteWhenUndone(watch: WatchFeaturedMedia, mediaId: number, remove: (keepalive: boolean) => Promise<void>, win: Window): () => void {
  let undone = false;
  let last: FeaturedMediaUse | undefined;
  const removeIfUndone = (keepalive: boolean) => {
    if (!undone || !last || last.edited || last.saved) return;
    stop();
    void remove(keepalive).catch(() => undefined);
  };
  const unwatch = watch(mediaId, (use) => {
    if (use.edited) undone = false;
    else if (last?.edited) undone = use.redoable;
    const saveFinished = last?.saving && !use.saving;
    last = use;
    if (saveFinished) removeIfUndone(false);
  });
  const onLeave = () => removeIfUndone(true);
  win.addEventListener('pagehide', onLeave);
  function stop() {
    unwatch();
    win.removeEventListener('pagehide', onLeave);
  }
  return stop;
}
