import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'not-configured', 'bad-key', 'forbidden', 'no-model', 'rate-limited', 'server', 'timeout',
  'network', 'cut', 'invalid-output', 'truncated', 'refused', 'bad-request', 'cancelled',
  'no-editor', 'editor-not-ready', 'editor-failed', 'page-changed', 'interrupted', 'too-long', 'unknown',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** What the user is shown: one plain sentence, and whether Retry makes sense. */
export const UserErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string(), retryable: z.boolean() });
export type UserError = z.infer<typeof UserErrorSchema>;

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
