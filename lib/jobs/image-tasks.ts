/**
 * A job's featured image, drawn while the body is still being written: started as soon as the
 * post's title, description and keyphrase are known, awaited when the post goes into the editor.
 * The bytes stay in the worker's memory (too big for session storage); a restarted worker has none.
 */
import type OpenAI from 'openai';
import type { FeaturedImage } from '../editors/adapter';
import { generateFeaturedImage } from '../generation/featured-image';
import type { PostFields } from '../generation/post-fields';

export type ImageOutcome = { image: FeaturedImage } | { failure: string };

interface DrawInput { client: OpenAI; chatModel: string; imageModel: string; language: string; signal: AbortSignal }

export function createImageTasks(draw: typeof generateFeaturedImage = generateFeaturedImage) {
  const tasks = new Map<number, { jobId: string; outcome: Promise<ImageOutcome> }>();

  return {
    /**
     * Starts once per job, when the fields the picture is made from have been written: while the
     * answer streams, once its tags are (the keyphrases come before them); for the finished post, at once.
     */
    startWhenKnown(tabId: number, jobId: string, post: Partial<PostFields>, input: DrawInput, finished = false): void {
      if (tasks.get(tabId)?.jobId === jobId || !post.title || !post.metaDescription || (!finished && !post.tags?.length)) return;
      const subject = { title: post.title, description: post.metaDescription, keyphrase: post.focusKeywords?.[0] ?? post.tags?.[0] ?? post.title, language: input.language };
      // Each drawing is billed: one retry at most, and time enough for a slow image model.
      const client = input.client.withOptions({ maxRetries: 1, timeout: 180_000 });
      const outcome = draw({ client, chatModel: input.chatModel, imageModel: input.imageModel, subject, signal: input.signal })
        .then((image) => ({ image }), (error: unknown) => ({
          failure: input.signal.aborted ? 'The featured image was cancelled with the job.' : error instanceof Error ? error.message : String(error),
        }));
      tasks.set(tabId, { jobId, outcome });
    },
    /** The job's image; undefined when none was started in this worker. */
    outcome(tabId: number, jobId: string): Promise<ImageOutcome> | undefined {
      const task = tasks.get(tabId);
      return task?.jobId === jobId ? task.outcome : undefined;
    },
    forget(tabId: number): void {
      tasks.delete(tabId);
    },
  };
}
