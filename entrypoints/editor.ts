import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { offerBridgePort } from '../lib/messaging/bridge-channel';
import { bridgeStatus, createBridgePort } from '../lib/messaging/bridge-client';
import { routeEditorRequest, type EditorPage, type JobHandler } from '../lib/messaging/editor-page';
import { EDITOR_PAGE_KEY, JOB_HANDLER_KEY, type ContentEvent } from '../lib/messaging/protocol';
import { answerLater } from '../lib/messaging/messaging';
import { reportEditorWhenReady } from '../lib/messaging/editor-watch';

// Isolated world, at document_start so the bridge handshake ends before page scripts run.
// Registered by the background for the sites the blogger allowed (lib/storage/site-access.ts), as
// an unlisted script: WXT's content-script context would add a kilobyte to every editor page.
// Kept small: a job's tools come only when it needs them (lib/messaging/editor-page.ts).
export default defineUnlistedScript({
  main() {
    const channel = new MessageChannel();
    offerBridgePort(window, channel.port2);
    const bridge = createBridgePort(channel.port1);
    const editorStatus = () => bridgeStatus(bridge);
    const world = globalThis as Record<string, unknown>;
    world[EDITOR_PAGE_KEY] = { bridge, pageId: crypto.randomUUID() } satisfies EditorPage;

    // Only the extension itself can send here; the page cannot reach runtime messages.
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const answer = routeEditorRequest(message, editorStatus, world[JOB_HANDLER_KEY] as JobHandler | undefined);
      return answer ? answerLater(answer, sendResponse) : undefined;
    });

    // A new document in this tab: the undo snapshot of the one before must never apply here.
    void browser.runtime.sendMessage({ type: 'editor/opened' } satisfies ContentEvent).catch(() => undefined);
    void reportEditorWhenReady(editorStatus, (status) => browser.runtime.sendMessage({ type: 'editor/detected', status } satisfies ContentEvent));
  },
});
