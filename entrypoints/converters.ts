import DOMPurify from 'dompurify';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createConverters } from '../lib/content/converters';
import { hardenPurify } from '../lib/content/markdown';
import { checkedBridge } from '../lib/messaging/bridge-client';
import { createContentHandler } from '../lib/messaging/content-handler';
import type { EditorPage, JobHandler } from '../lib/messaging/editor-page';
import { ContentRequestSchema, EDITOR_PAGE_KEY, JOB_HANDLER_KEY } from '../lib/messaging/protocol';

// A job's tools, injected by the background into the editor tab's isolated world when a job needs
// them: the converters and the handler of every request but the status. Loading twice keeps the first.
export default defineUnlistedScript(() => {
  const world = globalThis as Record<string, unknown>;
  const page = world[EDITOR_PAGE_KEY] as EditorPage | undefined;
  if (!page || world[JOB_HANDLER_KEY]) return;
  const converters = createConverters(hardenPurify(DOMPurify(window)), new DOMParser());
  // The address names the post once it exists (a new post's is there after its first save); the classic form always has it.
  const postId = () => Number(new URLSearchParams(location.search).get('post') || document.querySelector<HTMLInputElement>('#post_ID')?.value) || undefined;
  const handle = createContentHandler({ bridge: checkedBridge(page.bridge), converters, pageId: page.pageId, origin: location.origin, postId });
  world[JOB_HANDLER_KEY] = ((message) => {
    const request = ContentRequestSchema.safeParse(message);
    return request.success ? handle(request.data) : undefined;
  }) satisfies JobHandler;
});
