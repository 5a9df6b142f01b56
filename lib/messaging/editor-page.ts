/**
 * What every editor page runs in the isolated world, kept small: the bridge, and the editor's
 * status for the popup and the badge. Every other request is answered by the job tools the
 * background injects when a job needs them (entrypoints/converters.ts: converters and the content
 * handler), which find the bridge here.
 */
import type { BridgePort } from './bridge-client';
import { toUserError } from './content-handler';
import { EditorStatusRequestSchema, type ContentResponse, type EditorStatus } from './protocol';

export interface EditorPage { bridge: BridgePort; pageId: string }

/** The job tools' handler: it checks each request itself, undefined for one it does not know. */
export type JobHandler = (message: unknown) => Promise<ContentResponse> | undefined;

const NO_JOB_TOOLS: ContentResponse = {
  ok: false,
  error: { code: 'editor-failed', message: 'PressPilot’s writing tools did not load into this page. Reload the page, then try again.', retryable: true },
};

export function routeEditorRequest(message: unknown, editorStatus: () => Promise<EditorStatus>, jobHandler: JobHandler | undefined): Promise<ContentResponse> | undefined {
  if (EditorStatusRequestSchema.safeParse(message).success) {
    return editorStatus().then((status): ContentResponse => ({ ok: true, status }), (error: unknown) => ({ ok: false, error: toUserError(error) }));
  }
  return jobHandler ? jobHandler(message) : Promise.resolve(NO_JOB_TOOLS);
}
