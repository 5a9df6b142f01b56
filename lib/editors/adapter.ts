import { z } from 'zod';
import { BodyBlockSchema } from '../body';

export const EditorKindSchema = z.enum(['block-editor', 'classic-editor', 'elementor']);
export type EditorKind = z.infer<typeof EditorKindSchema>;

export const EDITOR_LABELS: Record<EditorKind, string> = {
  'block-editor': 'WordPress block editor',
  'classic-editor': 'WordPress classic editor',
  elementor: 'Elementor',
};

/** What an editor holds now; bodyHtml is the editor's own HTML (block markup, TinyMCE, widgets). */
export const EditorContentSchema = z.object({
  title: z.string(),
  excerpt: z.string(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  bodyHtml: z.string(),
});
export type EditorContent = z.infer<typeof EditorContentSchema>;

/** What to write. Terms are names; the adapter reuses existing terms case-insensitively. */
export const EditorFillSchema = z.object({
  title: z.string().optional(),
  excerpt: z.string().optional(),
  tags: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
  body: z.array(BodyBlockSchema).optional(),
  /** replace: the body replaces the current one; append: it goes after it (Elementor offers both). */
  bodyMode: z.enum(['replace', 'append']).default('replace'),
  /** Categories the site lacks are only created when the user asked for it. */
  createMissingCategories: z.boolean().default(false),
});
export type EditorFill = z.input<typeof EditorFillSchema>;

export const ApplyReportSchema = z.object({
  tagsCreated: z.array(z.string()),
  categoriesSkipped: z.array(z.string()),
  categoriesCreated: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ApplyReport = z.infer<typeof ApplyReportSchema>;

/** Whatever an adapter needs to put the editor back exactly as it was; plain JSON. */
export const EditorSnapshotSchema = z.object({ kind: EditorKindSchema, data: z.unknown() });
export type EditorSnapshot = z.infer<typeof EditorSnapshotSchema>;

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
  apply(fill: z.output<typeof EditorFillSchema>): Promise<ApplyReport>;
  restore(snapshot: EditorSnapshot): Promise<void>;
  /**
   * Shows the finished part of a post still being written, outside the editor's undo history and
   * with autosave held off; called again and again as the model writes.
   */
  preview(fill: z.output<typeof EditorFillSchema>): Promise<void>;
  /** Puts the post from before the preview back, outside the undo history, and lets autosave run. */
  discardPreview(snapshot: EditorSnapshot): Promise<void>;
  /** Turns the preview into the final post as one undo step from the snapshot taken before it. */
  commitPreview(snapshot: EditorSnapshot, fill: z.output<typeof EditorFillSchema>): Promise<ApplyReport>;
}
