/** Page world: answers the bridge's calls with whichever editor adapter this page has. */
import type { EditorAdapter, EditorSnapshot } from './adapter';
import { detectEditor } from './detect';
import type { BridgeCall } from '../messaging/protocol';
import type { UserError } from '../errors';
import { PressPilotError } from '../errors';

export function serveEditor(win: Window, detect: (win: Window) => EditorAdapter | null = detectEditor as (win: Window) => EditorAdapter | null) {
  let adapter: EditorAdapter | null = null;
  /** The job being streamed into the editor, and the post as it was before it. */
  let preview: { streamId: string; snapshot: EditorSnapshot } | undefined;
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
        // The snapshot is taken first (before any preview), so whatever happens next can be undone.
        const snapshot = streamed?.snapshot ?? await editor.snapshot();
        try {
          return { report: streamed ? await editor.commitPreview(snapshot, fill) : await editor.apply(fill), snapshot };
        } catch (error) {
          // Nothing half-applied stays in the editor.
          await editor.restore(snapshot).catch(() => undefined);
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
        await ready().restore(call.snapshot);
        return true;
      default:
        throw new PressPilotError('unknown', 'PressPilot’s editor script was asked for something it does not do.');
    }
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
