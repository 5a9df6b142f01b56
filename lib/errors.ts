/**
 * What goes wrong, in the user's words. Free of zod: the page-world bridge throws these too, and
 * it loads with every editor page (the schema that checks them on arrival is in lib/messaging/protocol.ts).
 */
export const ERROR_CODES = [
  'not-configured', 'bad-key', 'forbidden', 'no-model', 'rate-limited', 'server', 'timeout',
  'network', 'cut', 'invalid-output', 'truncated', 'refused', 'bad-request', 'cancelled',
  'no-editor', 'editor-not-ready', 'editor-failed', 'page-changed', 'interrupted', 'too-long', 'unknown',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the user is shown: one plain sentence, and whether Retry makes sense. */
export interface UserError { code: ErrorCode; message: string; retryable: boolean }

/** An error of ours with the user's sentence already decided. */
export class PressPilotError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly retryable = false) {
    super(message);
    this.name = 'PressPilotError';
  }
}

/** A job whose service worker stopped or stopped answering before it finished. */
export const INTERRUPTED: UserError = {
  code: 'interrupted',
  message: 'The browser stopped PressPilot’s background worker before the post was finished. Nothing was changed in your post; what was written so far is kept below. Retry starts again.',
  retryable: true,
};
