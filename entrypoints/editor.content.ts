import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { offerBridgePort } from '../lib/messaging/bridge-channel';
import { createBridgeClient } from '../lib/messaging/bridge-client';
import { createContentHandler } from '../lib/messaging/content-handler';
import type { Converters } from '../lib/content/converters';
import { CONVERTERS_KEY, ContentRequestSchema, type ContentEvent } from '../lib/messaging/protocol';
import { answerLater } from '../lib/messaging/messaging';
import { reportEditorWhenReady } from '../lib/messaging/editor-watch';

// Isolated world, at document_start so the bridge handshake ends before page scripts run. Kept
// small: the converters come only when a job needs them (lib/content/converters.ts).
export default defineContentScript({
  // Registered by the background for the sites the blogger allowed (lib/storage/site-access.ts).
  registration: 'runtime',
  main() {
    const channel = new MessageChannel();
    offerBridgePort(window, channel.port2);
    const bridge = createBridgeClient(channel.port1);
    const handle = createContentHandler({
      bridge,
      converters: () => (globalThis as Record<string, unknown>)[CONVERTERS_KEY] as Converters | undefined,
      pageId: crypto.randomUUID(),
    });

    // Only the extension itself can send here; the page cannot reach runtime messages.
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const request = ContentRequestSchema.safeParse(message);
      return request.success ? answerLater(handle(request.data), sendResponse) : undefined;
    });

    // A new document in this tab: the undo snapshot of the one before must never apply here.
    void browser.runtime.sendMessage({ type: 'editor/opened' } satisfies ContentEvent).catch(() => undefined);
    void reportEditorWhenReady(bridge, (status) => browser.runtime.sendMessage({ type: 'editor/detected', status } satisfies ContentEvent));
  },
});
