import type { EditorStatus } from './protocol';

/** Tells the background once the editor is there and ready (Elementor takes seconds), for the badge. */
export async function reportEditorWhenReady(editorStatus: () => Promise<EditorStatus>, report: (status: EditorStatus) => Promise<unknown>, { intervalMs = 500, attempts = 120 } = {}): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const status = await editorStatus().catch(() => null);
    if (status?.kind && status.ready) {
      await report(status).catch(() => undefined);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
