import * as z from 'zod/mini';
import type { WatchFeaturedMedia } from './media';
import type { BodyBlock } from '../content/body';

/** Checks a body on arrival: the editor-neutral blocks of lib/body.ts. */
export const BodyBlockSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(6)), html: z.string() }),
  z.object({ type: z.literal('paragraph'), html: z.string() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), html: z.string() }),
  z.object({ type: z.literal('quote'), html: z.string() }),
  z.object({ type: z.literal('table'), html: z.string() }),
  z.object({ type: z.literal('code'), language: z.string(), code: z.string() }),
  z.object({ type: z.literal('separator') }),
  // The post's own fragment, by the id it was kept under when the post was read (not model output).
  z.object({ type: z.literal('kept'), id: z.string(), html: z.string() }),
]) satisfies z.ZodMiniType<BodyBlock>;

export const EditorKindSchema = /* @__PURE__ */ z.enum(['block-editor', 'classic-editor', 'elementor']);
export type EditorKind = z.infer<typeof EditorKindSchema>;

export const EDITOR_LABELS: Record<EditorKind, string> = {
  'block-editor': 'WordPress block editor',
  'classic-editor': 'WordPress classic editor',
  elementor: 'Elementor',
};

/** What an editor holds now; bodyHtml is the editor's own HTML (block markup, TinyMCE, widgets). */
export const EditorContentSchema = /* @__PURE__ */ z.object({
  title: z.string(),
  excerpt: z.string(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  bodyHtml: z.string(),
});
export type EditorContent = z.infer<typeof EditorContentSchema>;

export const SeoValuesSchema = /* @__PURE__ */ z.object({
  title: z.string(), description: z.string(), keywords: z.array(z.string()),
  /** For a plugin that saves the address itself (Yoast in Elementor): the one the post has. */
  slug: z.optional(z.string()),
});

/**
 * A featured image the model drew (lib/generation/featured-image.ts), checked before it is
 * uploaded to the site: base64 of the bytes, a file name from the keyphrase, its alt text.
 */
export const FeaturedImageSchema = /* @__PURE__ */ z.object({
  base64: /* @__PURE__ */ z.string().check(z.maxLength(28_000_000), z.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  fileName: /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9-]{1,80}\.(png|jpg|webp)$/)),
  alt: /* @__PURE__ */ z.string().check(z.maxLength(200)),
});
export type FeaturedImage = z.infer<typeof FeaturedImageSchema>;

/** What to write. Terms are names; the adapter reuses existing terms case-insensitively. */
export const EditorFillSchema = /* @__PURE__ */ z.object({
  title: z.optional(z.string()),
  excerpt: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
  categories: z.optional(z.array(z.string())),
  body: z.optional(z.array(BodyBlockSchema)),
  /** For the site's SEO plugin (lib/editors/seo/): the search title, the description, the keyphrases. */
  seo: z.optional(SeoValuesSchema),
  /** The post's address, set only on a post that was never published. */
  slug: z.optional(z.string()),
  /** Uploaded to the media library, then set as the post's featured image. */
  featuredImage: z.optional(FeaturedImageSchema),
  /**
   * replace: the body replaces the current one; append: it goes after it (Elementor offers both);
   * rewrite: a rewritten body replaces the current one, and an editor with a design of its own
   * (Elementor) keeps it, writing only the text.
   */
  bodyMode: z._default(z.enum(['replace', 'append', 'rewrite']), 'replace'),
  /** Categories the site lacks are only created when the user asked for it. */
  createMissingCategories: z._default(z.boolean(), false),
});
export type EditorFill = z.input<typeof EditorFillSchema>;

export const ApplyReportSchema = /* @__PURE__ */ z.object({
  tagsCreated: z.array(z.string()),
  categoriesSkipped: z.array(z.string()),
  categoriesCreated: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Where the SEO fields went, e.g. "Yoast SEO: title, description, keyphrase". */
  seo: z.optional(z.string()),
  slug: z.optional(z.string()),
  /** What became of the featured image, in one sentence. */
  image: z.optional(z.string()),
});
export type ApplyReport = z.infer<typeof ApplyReportSchema>;

/** Whatever an adapter needs to put the editor back exactly as it was; plain JSON. */
export const EditorSnapshotSchema = /* @__PURE__ */ z.object({
  kind: EditorKindSchema, data: z.unknown(), seo: z.optional(SeoValuesSchema),
  /** The featured image the fill uploaded: undo deletes it from the media library again. */
  uploadedMediaId: z.optional(z.int()),
});
export type EditorSnapshot = z.infer<typeof EditorSnapshotSchema>;

/**
 * What the page world adds to a fill, in the same undo step: post meta of the SEO plugin, and the
 * media item uploaded for the featured image.
 */
export interface FillExtra { meta?: Record<string, string>; featuredMedia?: { id: number; url: string } }

/**
 * One per editor. Runs in the page world (it needs wp.data, tinymce or $e) and is built from
 * what it needs, so unit tests hand it a stand-in instead of a browser.
 */
export interface EditorAdapter {
  readonly kind: EditorKind;
  /** True once the editor's own API takes commands (Elementor loads well after the page). */
  isReady(): boolean;
  read(): Promise<EditorContent>;
  /** Category names the site already has, for the prompt. */
  siteCategories(): Promise<string[]>;
  snapshot(): Promise<EditorSnapshot>;
  apply(fill: z.output<typeof EditorFillSchema>, extra?: FillExtra): Promise<ApplyReport>;
  restore(snapshot: EditorSnapshot): Promise<void>;
  /**
   * Shows the finished part of a post still being written, outside the editor's undo history and
   * with autosave held off; called again and again as the model writes.
   */
  preview(fill: z.output<typeof EditorFillSchema>): Promise<void>;
  /** Puts the post from before the preview back, outside the undo history, and lets autosave run. */
  discardPreview(snapshot: EditorSnapshot): Promise<void>;
  /** Turns the preview into the final post as one undo step from the snapshot taken before it. */
  commitPreview(snapshot: EditorSnapshot, fill: z.output<typeof EditorFillSchema>, extra?: FillExtra): Promise<ApplyReport>;
  /**
   * Tells, at once and on every change, where an uploaded featured image stands (lib/editors/media.ts),
   * in an editor whose own undo takes it back; returns a stop function.
   */
  watchFeaturedMedia?: WatchFeaturedMedia;
}
