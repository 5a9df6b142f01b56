/**
 * Every message between the popup/options, the background, the content script and the page-world
 * bridge. Each side parses what arrives with these schemas and drops anything else. In zod/mini,
 * each marked pure, so the scripts on every editor page carry only the schemas they use.
 */
import * as z from 'zod/mini';
import { ApplyReportSchema, EditorContentSchema, EditorFillSchema, EditorKindSchema, EditorSnapshotSchema, FeaturedImageSchema } from '../editors/adapter';
import { ERROR_CODES } from '../errors';
import { PostFieldsSchema, StreamedPostSchema } from '../generation/post-fields';
import { REWRITE_PRESETS, WritingOptionsSchema } from '../generation/writing';
import { OutlineSchema } from '../generation/outline-schema';
import { UsageSchema } from '../generation/cost';
import type { KeptBlocks } from '../content/kept-blocks';

const TabId = /* @__PURE__ */ z.int().check(z.minimum(0));

export const UserErrorSchema = /* @__PURE__ */ z.object({ code: z.enum(ERROR_CODES), message: z.string(), retryable: z.boolean() });

// ---- What a job does ------------------------------------------------------------------------

export const RewriteScopeSchema = /* @__PURE__ */ z.enum(['body', 'all']);

export const JobRequestSchema = /* @__PURE__ */ z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('generate'),
    topic: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(3, 'Type a topic of a few words.'), z.maxLength(500)),
    options: WritingOptionsSchema,
    createMissingCategories: z._default(z.boolean(), false),
    bodyMode: z._default(z.enum(['replace', 'append']), 'replace'),
    /** One image drawn for the post, uploaded and set as its featured image. */
    featuredImage: z._default(z.boolean(), false),
    /** The post type (lib/generation/templates.ts); an unknown one writes the default. */
    template: z._default(/* @__PURE__ */ z.string().check(z.maxLength(100)), 'seed'),
    /** Plan first: the model proposes an outline, the blogger shapes it, then each section is written on its own. */
    plan: z._default(z.enum(['outline', 'at-once']), 'at-once'),
    /** The outline as the blogger shaped it: present once they click Write. */
    outline: z.optional(OutlineSchema),
  }),
  z.object({
    mode: z.literal('rewrite'),
    instructions: z._default(/* @__PURE__ */ z.string().check(z.maxLength(2000)), ''),
    presets: z._default(z.array(z.enum(/* @__PURE__ */ Object.keys(REWRITE_PRESETS) as [keyof typeof REWRITE_PRESETS])), []),
    scope: z._default(RewriteScopeSchema, 'body'),
    options: WritingOptionsSchema,
    createMissingCategories: z._default(z.boolean(), false),
    /** A new featured image for the rewritten post; only with the title (scope `all`). */
    featuredImage: z._default(z.boolean(), false),
  }),
]);
export type JobRequest = z.output<typeof JobRequestSchema>;
export type JobRequestInput = z.input<typeof JobRequestSchema>;

export const JobPhaseSchema = /* @__PURE__ */ z.enum([
  'reading', 'planning', 'connecting', 'writing', 'repairing', 'applying', 'outline', 'review', 'done', 'failed', 'cancelled',
]);
export type JobPhase = z.infer<typeof JobPhaseSchema>;

const RUNNING_PHASES: readonly JobPhase[] = ['reading', 'planning', 'connecting', 'writing', 'repairing', 'applying'];
/** A new post that asked for one, or a rewrite that rewrites the title too. */
export const wantsFeaturedImage = (request: JobRequest) => request.featuredImage && (request.mode === 'generate' || request.scope === 'all');

export const isRunning = (job: { phase: JobPhase } | null) => job !== null && RUNNING_PHASES.includes(job.phase);

/**
 * What a rewrite kept out of the model's hands (lib/content/kept-blocks.ts): the post's own
 * fragments by placeholder id, read by the content script and handed back to it with the answer.
 */
const isKeptBlock = (value: unknown) => {
  const block = value as { html?: unknown; after?: unknown; textsBefore?: unknown } | null;
  return typeof block?.html === 'string' && typeof block.after === 'string' && Number.isInteger(block.textsBefore);
};
/** Checked by hand: zod's record schema would add a kilobyte to what every editor page loads. */
export const KeptBlocksSchema = /* @__PURE__ */ z.custom<KeptBlocks>((value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isKeptBlock));

/**
 * What the blogger took from a reviewed rewrite: each field, and each section of the body in the
 * order the review shows them (lib/content/sections.ts), `true` for the rewrite.
 */
export const ReviewChoicesSchema = /* @__PURE__ */ z.object({
  title: z.boolean(), excerpt: z.boolean(), tags: z.boolean(), categories: z.boolean(),
  sections: z.array(z.boolean()),
});
export type ReviewChoices = z.infer<typeof ReviewChoicesSchema>;

/** The post as it was before a rewrite, for the popup's before/after view. */
export const BeforeSchema = /* @__PURE__ */ z.object({ title: z.string(), excerpt: z.string(), markdown: z.string() });

/** A tab's job as kept in session storage: the popup renders it, the background advances it. */
export const JobStateSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  tabId: TabId,
  request: JobRequestSchema,
  phase: JobPhaseSchema,
  startedAt: z.number(),
  updatedAt: z.number(),
  words: /* @__PURE__ */ z.int().check(z.minimum(0)),
  /** The article written so far: shown while it streams and kept when it breaks off. */
  partialBody: z.string(),
  /** The short fields the model had finished when it broke off, for "Keep what was written". */
  partialFields: z.optional(z.omit(StreamedPostSchema, { body: true })),
  result: z.optional(PostFieldsSchema),
  before: z.optional(BeforeSchema),
  /** The editor page a rewrite was read from. */
  pageId: z.optional(z.string()),
  /** A rewrite's kept blocks, and what had to be done about the ones the model left out or made up. */
  kept: z.optional(KeptBlocksSchema),
  keptSummary: z.optional(z.string()),
  applied: z.boolean(),
  canUndo: z.boolean(),
  error: z.optional(UserErrorSchema),
  report: z.optional(ApplyReportSchema),
  /** The post is written and waits for its featured image. */
  imagePending: z.optional(z.boolean()),
  /** The planned outline, shown for the blogger to shape (phase 'outline'). */
  outline: z.optional(OutlineSchema),
  /** The sections of an outlined post written so far: a retry goes on after them. */
  sections: z.optional(z.array(z.object({ heading: z.string(), markdown: z.string() }))),
  /** Tokens the job's requests used, as the server reported them. */
  usage: z.optional(UsageSchema),
});
export type JobState = z.infer<typeof JobStateSchema>;

// ---- Popup / options -> background ------------------------------------------------------------

export const BackgroundRequestSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  z.object({ type: z.literal('job/start'), tabId: TabId, request: JobRequestSchema }),
  z.object({ type: z.literal('job/cancel'), tabId: TabId }),
  z.object({ type: z.literal('job/apply'), tabId: TabId, choices: z.optional(ReviewChoicesSchema) }),
  z.object({ type: z.literal('job/undo'), tabId: TabId }),
  z.object({ type: z.literal('job/dismiss'), tabId: TabId }),
  /** Puts what a failed or cancelled generation had written into the editor, as one undo step. */
  z.object({ type: z.literal('job/keep'), tabId: TabId }),
  /** The blogger's edits to a planned outline, kept with the job so a closed popup loses none. */
  z.object({ type: z.literal('job/outline'), tabId: TabId, outline: OutlineSchema }),
  /** Retries an outlined post from the section that failed, keeping the ones written. */
  z.object({ type: z.literal('job/resume'), tabId: TabId }),
  /** Puts a post from the history into the tab's editor, as one undo step. */
  z.object({ type: z.literal('history/apply'), tabId: TabId, entryId: /* @__PURE__ */ z.string().check(z.maxLength(100)) }),
  /**
   * Sent by the popup while a job runs: wakes a worker the browser stopped (which then reports the
   * job as interrupted) and asks whether this worker still runs the tab's job.
   */
  z.object({ type: z.literal('worker/ping'), tabId: TabId }),
  z.object({ type: z.literal('connection/test') }),
  z.object({ type: z.literal('models/list') }),
]);
export type BackgroundRequest = z.input<typeof BackgroundRequestSchema>;

export const ConnectionReportSchema = /* @__PURE__ */ z.object({
  ok: z.boolean(),
  message: z.string(),
  models: z.array(z.string()),
});
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>;

/** Every background answer: ok, or the user's sentence. */
export const BackgroundResponseSchema = /* @__PURE__ */ z.union([
  z.object({ ok: z.literal(true), connection: z.optional(ConnectionReportSchema), runsJob: z.optional(z.boolean()) }),
  z.object({ ok: z.literal(false), error: UserErrorSchema }),
]);
export type BackgroundResponse = z.infer<typeof BackgroundResponseSchema>;

// ---- Background / popup -> content script ----------------------------------------------------

export const EditorStatusSchema = /* @__PURE__ */ z.object({
  kind: z.nullable(EditorKindSchema),
  ready: z.boolean(),
});
export type EditorStatus = z.infer<typeof EditorStatusSchema>;

export const EditorContextSchema = /* @__PURE__ */ z.object({
  kind: EditorKindSchema,
  /** This page load of the editor: a rewrite is only ever applied where it was read. */
  pageId: z.string(),
  /** The site's address, for its house style. */
  origin: z.optional(z.string()),
  /** The post being edited, for the history. */
  postId: z.optional(/* @__PURE__ */ z.int().check(z.positive())),
  siteCategories: z.array(z.string()),
  /** The current post as Markdown, only when asked for (rewrite). */
  current: z.optional(z.object({
    title: z.string(), excerpt: z.string(), tags: z.array(z.string()), categories: z.array(z.string()), markdown: z.string(),
    kept: KeptBlocksSchema,
  })),
});
export type EditorContext = z.infer<typeof EditorContextSchema>;

export const ApplyFieldsSchema = /* @__PURE__ */ z.object({
  title: z.boolean(), excerpt: z.boolean(), tags: z.boolean(), categories: z.boolean(), body: z.boolean(),
});

/** The one request an editor page answers before any job: the rest go to the injected job tools. */
export const EditorStatusRequestSchema = /* @__PURE__ */ z.object({ type: z.literal('editor/status') });

export const ContentRequestSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  EditorStatusRequestSchema,
  z.object({ type: z.literal('editor/context'), includeContent: z.boolean() }),
  z.object({
    type: z.literal('editor/apply'),
    post: PostFieldsSchema,
    fields: ApplyFieldsSchema,
    bodyMode: z.enum(['replace', 'append', 'rewrite']),
    createMissingCategories: z.boolean(),
    /** Set for a rewrite: the page it was read from; another page refuses it. */
    pageId: z.optional(z.string()),
    /** A rewrite's kept blocks: its placeholders become the post's own blocks again. */
    kept: z.optional(KeptBlocksSchema),
    /** The job whose streamed preview this apply turns into one undo step from the post before it. */
    streamId: z.optional(z.string()),
    featuredImage: z.optional(FeaturedImageSchema),
  }),
  /** What of the answer is finished so far, shown in the editor outside its undo history. */
  z.object({
    type: z.literal('editor/stream'),
    streamId: z.string(),
    post: StreamedPostSchema,
    fields: ApplyFieldsSchema,
    bodyMode: z.enum(['replace', 'append']),
  }),
  /** The stream broke off or was cancelled: the editor goes back to the post before it. */
  z.object({ type: z.literal('editor/stream-end'), streamId: z.string() }),
  z.object({ type: z.literal('editor/restore'), snapshot: EditorSnapshotSchema }),
]);
export type ContentRequest = z.input<typeof ContentRequestSchema>;

export const ContentResponseSchema = /* @__PURE__ */ z.union([
  z.object({ ok: z.literal(true), status: EditorStatusSchema }),
  z.object({ ok: z.literal(true), context: EditorContextSchema }),
  z.object({ ok: z.literal(true), report: ApplyReportSchema, snapshot: EditorSnapshotSchema }),
  z.object({ ok: z.literal(true), restored: z.literal(true) }),
  z.object({ ok: z.literal(true), streamed: z.literal(true) }),
  z.object({ ok: z.literal(false), error: UserErrorSchema }),
]);
export type ContentResponse = z.infer<typeof ContentResponseSchema>;

// ---- Content script -> background ------------------------------------------------------------

export const ContentEventSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  /** A new editor page load (sent once per document, so saves and history changes never count). */
  z.object({ type: z.literal('editor/opened') }),
  z.object({ type: z.literal('editor/detected'), status: EditorStatusSchema }),
]);
export type ContentEvent = z.infer<typeof ContentEventSchema>;

// ---- Content script <-> page-world bridge, over a private MessagePort -------------------------

export const BridgeRequestSchema = /* @__PURE__ */ z.object({
  id: z.int(),
  call: z.discriminatedUnion('type', [
    z.object({ type: z.literal('status') }),
    z.object({ type: z.literal('read') }),
    z.object({ type: z.literal('categories') }),
    z.object({ type: z.literal('apply'), fill: EditorFillSchema, streamId: z.optional(z.string()) }),
    z.object({ type: z.literal('stream'), fill: EditorFillSchema, streamId: z.string() }),
    z.object({ type: z.literal('stream-end'), streamId: z.string() }),
    z.object({ type: z.literal('restore'), snapshot: EditorSnapshotSchema }),
  ]),
});
export type BridgeRequest = z.input<typeof BridgeRequestSchema>;
export type BridgeCall = z.output<typeof BridgeRequestSchema>['call'];

export const BridgeResponseSchema = /* @__PURE__ */ z.object({
  id: z.int(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: UserErrorSchema }),
  ]),
});
export type BridgeResponse = z.infer<typeof BridgeResponseSchema>;

export const BridgeValueSchemas = /* @__PURE__ */ (() => ({
  status: EditorStatusSchema,
  read: EditorContentSchema,
  categories: z.array(z.string()),
  apply: z.object({ report: ApplyReportSchema, snapshot: EditorSnapshotSchema }),
  restore: z.literal(true),
  stream: z.literal(true),
  'stream-end': z.literal(true),
}) as const)();

/**
 * The isolated world's meeting points: the content script leaves the bridge there for the job
 * tools the background injects with a job (entrypoints/converters.ts), which leave their request
 * handler. The page cannot reach the isolated world.
 */
export const EDITOR_PAGE_KEY = '__presspilotEditorPage';
export const JOB_HANDLER_KEY = '__presspilotJobHandler';


