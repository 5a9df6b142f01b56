/**
 * Streams the finished part of a new post into its tab while the model writes: one update at a
 * time, the newest one winning, never the same one twice. An editor that refuses an update stops
 * the feed; the final post still goes in the usual way, as one undo step.
 */
import type { StreamedPost } from '../generation/post-fields';

export interface EditorFeed {
  push(post: StreamedPost): void;
  /** Waits for the update in flight; nothing is sent after it. */
  close(): Promise<void>;
  /** Whether any update reached the editor (then the final fill or a discard must follow). */
  readonly started: boolean;
}

const hasContent = (post: StreamedPost) => post.body !== '' || post.title !== undefined || post.metaDescription !== undefined || post.tags !== undefined || post.categories !== undefined;

export function createEditorFeed(send: (post: StreamedPost) => Promise<{ ok: boolean }>): EditorFeed {
  let last = '';
  let next: StreamedPost | undefined;
  let pumping: Promise<void> | undefined;
  let started = false;
  let stopped = false;

  async function pump() {
    while (next && !stopped) {
      const post = next;
      next = undefined;
      started = true;
      const answer = await send(post).catch(() => ({ ok: false }));
      if (!answer.ok) stopped = true;
    }
    pumping = undefined;
  }

  return {
    push(post) {
      if (stopped || !hasContent(post)) return;
      const key = JSON.stringify(post);
      if (key === last) return;
      last = key;
      next = post;
      pumping ??= pump();
    },
    async close() {
      stopped = true;
      next = undefined;
      await pumping;
    },
    get started() {
      return started;
    },
  };
}
