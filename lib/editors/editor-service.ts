/** Page world: answers the bridge's calls with whichever editor adapter this page has. */
import type { ApplyReport, EditorAdapter, EditorSnapshot } from './adapter';
import { detectEditor } from './detect';
import { detectSeoPlugin } from './seo';
import { deleteMedia, deleteWhenUndone, uploadFeaturedImage, type UploadedMedia } from './media';
import { restFromPage } from './page-rest';
import type { BridgeCall } from '../messaging/protocol';
import type { UserError } from '../errors';
import { PressPilotError } from '../errors';

const NO_SEO_PLUGIN = 'No SEO plugin is active here';

export function serveEditor(win: Window, detect: (win: Window) => EditorAdapter | null = detectEditor as (win: Window) => EditorAdapter | null, detectSeo = detectSeoPlugin) {
  let adapter: EditorAdapter | null = null;
  const rest = restFromPage(win);
  /** The job being streamed into the editor, and the post as it was before it. */
  let preview: { streamId: string; snapshot: EditorSnapshot } | undefined;
  /** Uploaded images an undo in the editor itself may take back, by media id (lib/editors/media.ts). */
  const undoWatches = new Map<number, () => void>();
  // The editor's globals appear after document_start, so look again until one is found.
  const current = () => (adapter ??= detect(win));

  function ready(): EditorAdapter {
    const found = current();
    if (!found) throw new PressPilotError('no-editor', 'No WordPress or Elementor editor was found on this page.');
    if (!found.isReady()) throw new PressPilotError('editor-not-ready', 'The editor is still loading. Wait until it is ready, then try again.', true);
    return found;
  }

  async function handle(call: BridgeCall): Promise<unknown> {
    switch (call.type) {
      case 'status': {
        const found = current();
        return { kind: found?.kind ?? null, ready: found?.isReady() ?? false };
      }
      case 'read': return ready().read();
      case 'categories': return ready().siteCategories();
      case 'apply': {
        const editor = ready();
        const fill = call.fill;
        const streamed = call.streamId !== undefined && preview?.streamId === call.streamId ? preview : undefined;
        if (preview && !streamed) await endPreview(editor);
        preview = undefined;
        const seo = fill.seo ? detectSeo(win, editor.kind) : null;
        // The snapshot is taken first (before any preview), so whatever happens next can be undone.
        const snapshot: EditorSnapshot = { ...streamed?.snapshot ?? await editor.snapshot(), ...(seo ? { seo: await seo.read() } : {}) };
        // Uploaded first, so that the post's edit sets it in the same undo step; undo deletes it.
        let featuredMedia: UploadedMedia | undefined;
        let imageFailure: string | undefined;
        if (fill.featuredImage) {
          featuredMedia = await uploadFeaturedImage(rest, fill.featuredImage).catch((error: unknown) => {
            imageFailure = `No featured image: the site refused the upload (${(error instanceof Error ? error.message : String(error)).replace(/\.$/, '')}). The rest of the post is in.`;
            return undefined;
          });
          if (featuredMedia) snapshot.uploadedMediaId = featuredMedia.id;
        }
        try {
          const meta = seo?.meta?.(fill.seo!);
          // A plugin with a store of its own gets the values first (AIOSEO re-reads its store when the
          // post changes), unless it needs the post in first (a preview reload, the address it saves).
          // Its failure costs only its own fields.
          const writeSeo = (slug?: string) => (seo && !meta ? seo.write(slug ? { ...fill.seo!, slug } : fill.seo!).then(() => undefined, (error: unknown) => (error instanceof Error ? error.message : String(error))) : undefined);
          let seoFailure = seo?.afterPost ? undefined : await writeSeo();
          const extra = { meta, featuredMedia };
          const report: ApplyReport = streamed ? await editor.commitPreview(snapshot, fill, extra) : await editor.apply(fill, extra);
          if (fill.featuredImage) report.image = imageFailure ?? `Featured image: ${fill.featuredImage.fileName} (alt text “${fill.featuredImage.alt}”).`;
          if (featuredMedia) watchUndo(editor, featuredMedia.id);
          if (seo?.afterPost) seoFailure = await writeSeo(report.slug);
          if (fill.seo) {
            // Where the description still is, if anywhere: the blogger may keep it out of the excerpt.
            const inExcerpt = fill.excerpt !== undefined ? ': the description is in the excerpt' : '';
            report.seo = !seo ? `${NO_SEO_PLUGIN}${inExcerpt}`
              : seoFailure ? `${seo.name}: nothing written (${seoFailure.replace(/\.$/, '')})${inExcerpt.replace(':', ';')}`
                : `${seo.name}: ${seo.fields}`;
          }
          return { report, snapshot };
        } catch (error) {
          // Nothing half-applied stays in the editor.
          await restore(editor, snapshot).catch(() => undefined);
          throw error;
        }
      }
      case 'stream': {
        const editor = ready();
        if (preview && preview.streamId !== call.streamId) await endPreview(editor);
        preview ??= { streamId: call.streamId, snapshot: await editor.snapshot() };
        await editor.preview(call.fill);
        return true;
      }
      case 'stream-end':
        if (preview?.streamId === call.streamId) await endPreview(ready());
        return true;
      case 'restore':
        await restore(ready(), call.snapshot);
        return true;
      default:
        throw new PressPilotError('unknown', 'PressPilot’s editor script was asked for something it does not do.');
    }
  }

  /** The post, then the SEO plugin's fields, as they were, and the uploaded image gone again. */
  async function restore(editor: EditorAdapter, snapshot: EditorSnapshot) {
    if (snapshot.uploadedMediaId !== undefined) undoWatches.get(snapshot.uploadedMediaId)?.();
    await editor.restore(snapshot);
    if (snapshot.seo) await detectSeo(win, editor.kind)?.write(snapshot.seo);
    if (snapshot.uploadedMediaId !== undefined) await deleteMedia(rest, snapshot.uploadedMediaId);
  }

  function watchUndo(editor: EditorAdapter, mediaId: number) {
    if (!editor.watchFeaturedMedia) return;
    const stop = deleteWhenUndone(editor.watchFeaturedMedia, mediaId, async (keepalive) => {
      undoWatches.delete(mediaId);
      await deleteMedia(rest, mediaId, keepalive);
    }, win);
    undoWatches.set(mediaId, () => { stop(); undoWatches.delete(mediaId); });
  }

  async function endPreview(editor: EditorAdapter) {
    const ended = preview;
    preview = undefined;
    if (ended) await editor.discardPreview(ended.snapshot);
  }

  function describe(error: unknown): UserError {
    if (error instanceof PressPilotError) return { code: error.code, message: error.message, retryable: error.retryable };
    return { code: 'editor-failed', message: `The editor could not do it: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
  }

  return { handle, describe };
}
