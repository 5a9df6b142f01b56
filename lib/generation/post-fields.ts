/**
 * The shape of a post as it travels to an editor, limits unchecked (lib/post.ts checks those where
 * the answer is read). In zod/mini: these cross into the content script on every editor page.
 */
import * as z from 'zod/mini';

/** A post as far as it goes into an editor: any lengths, as when a cut-off answer is kept. */
export const PostFieldsSchema = /* @__PURE__ */ z.object({
  title: z.string(),
  metaDescription: z.string(),
  seoTitle: z.optional(z.string()),
  focusKeywords: z.optional(z.array(z.string())),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  body: z.string(),
});
export type PostFields = z.infer<typeof PostFieldsSchema>;

/** What of an answer still streaming may go into the editor (lib/streamed-post.ts). */
export const StreamedPostSchema = /* @__PURE__ */ z.extend(z.partial(PostFieldsSchema), { body: z.string() });
export type StreamedPost = z.infer<typeof StreamedPostSchema>;
