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

export async function deleteMedia(rest: RestRequest, id: number): Promise<void> {
  await rest(`/wp/v2/media/${id}?force=true`, { method: 'DELETE' });
}
