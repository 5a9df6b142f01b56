/** Typed, validated sends between extension contexts. */
import { browser } from 'wxt/browser';
import {
  BackgroundRequestSchema, BackgroundResponseSchema, ContentRequestSchema, ContentResponseSchema,
  type BackgroundRequest, type BackgroundResponse, type ContentRequest, type ContentResponse,
} from './protocol';

const NO_CONTENT_SCRIPT: ContentResponse = {
  ok: false,
  error: { code: 'no-editor', message: 'PressPilot cannot reach this page. Open a post in the WordPress block editor, classic editor or Elementor (reload the page if it was open before PressPilot was installed).', retryable: true },
};

export async function sendToBackground(request: BackgroundRequest): Promise<BackgroundResponse> {
  const answer = await browser.runtime.sendMessage(BackgroundRequestSchema.parse(request));
  const parsed = BackgroundResponseSchema.safeParse(answer);
  return parsed.success ? parsed.data : { ok: false, error: { code: 'unknown', message: 'PressPilot’s background did not answer. Try again.', retryable: true } };
}

/** Asks the editor tab's content script; a tab without one answers "no editor". */
export async function sendToTab(tabId: number, request: ContentRequest): Promise<ContentResponse> {
  try {
    const parsed = ContentResponseSchema.safeParse(await browser.tabs.sendMessage(tabId, ContentRequestSchema.parse(request)));
    return parsed.success ? parsed.data : NO_CONTENT_SCRIPT;
  } catch {
    return NO_CONTENT_SCRIPT;
  }
}

/** Chrome's onMessage wants sendResponse and `true` for an answer that comes later. */
export function answerLater<T>(work: Promise<T>, sendResponse: (response: T) => void): true {
  void work.then(sendResponse);
  return true;
}

/** True for the extension's own pages (popup, options), whatever tab they are shown in. */
export function isExtensionPage(sender: { id?: string; url?: string }): boolean {
  return sender.id === browser.runtime.id && (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);
}
