/**
 * The background's generation service. One job per tab: read the editor, ask the model, keep
 * progress and the result in session storage (the popup renders that, and it survives the popup
 * closing and the service worker restarting), then apply it to that same tab with an undo snapshot.
 */
import OpenAI from 'openai';
import { INTERRUPTED, PressPilotError, type UserError } from '../errors';
import { describeError } from '../generation/model-errors';
import { generatePost, PartialAnswerError, settleDraft, type GenerationProgress, type StreamRequest } from '../generation/generate';
import { fitOutlineFields, joinSections, planOutline, writeSections } from '../generation/long-form';
import { outlineFields, type Outline } from '../generation/outline';
import type { WrittenSection } from '../generation/section-context';
import type { GeneratedPost } from '../generation/post';
import type { CategoryRule } from '../generation/settle-post';
import { addUsage, type Usage } from '../generation/cost';
import { LENGTHS } from '../generation/writing';
import { countWords } from '../generation/post';
import type { PostFields } from '../generation/post-fields';
import { createEditorFeed } from './editor-feed';
import type { HistoryEntry } from '../storage/history';
import { DEFAULT_TEMPLATE_ID, findTemplate, houseStyle, voiceForOrigin, writingInstructions } from '../generation/templates';
import { createImageTasks, type ImageOutcome } from './image-tasks';
import { finishedBlocks, streamedPost } from '../generation/streamed-post';
import type { StreamedPost } from '../generation/post-fields';
import type { FillFields } from '../content/markdown';
import { restorePlaceholders } from '../content/kept-answer';
import type { KeptBlocks } from '../content/kept-blocks';
import { composeSections, pairSections } from '../content/sections';
import { buildGenerateMessages, buildRewriteMessages, categoryChoices } from '../generation/prompt';
import { checkRewriteFits } from '../generation/rewrite-budget';
import { isRunning, wantsFeaturedImage, type ContentRequest, type ContentResponse, type EditorContext, type JobRequest, type JobState, type ReviewChoices } from '../messaging/protocol';
import type { EditorSnapshot } from '../editors/adapter';
import type { Settings } from '../storage/storage';

export interface JobStore {
  get(tabId: number): Promise<JobState | null>;
  set(tabId: number, job: JobState | null): Promise<void>;
  /** Every tab's job, to find the ones a previous service worker left running. */
  all(): Promise<JobState[]>;
}

export interface UndoStore {
  get(tabId: number): Promise<EditorSnapshot | null>;
  set(tabId: number, snapshot: EditorSnapshot | null): Promise<void>;
}

export interface JobRunnerDeps {
  jobs: JobStore;
  undo: UndoStore;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  loadApiKey(): Promise<string>;
  sendToTab(tabId: number, request: ContentRequest): Promise<ContentResponse>;
  /** Brings the converters a job needs into the tab (they are not loaded with every editor page). */
  prepareTab?(tabId: number): Promise<void>;
  createClient(settings: Settings, apiKey: string): OpenAI;
  /** How often progress is written to storage while the model streams. */
  progressIntervalMs?: number;
  idleTimeoutMs?: number;
  now?: () => number;
  /** Told when the first job starts and when the last one ends. */
  onBusyChange?: (busy: boolean) => void;
  /** Draws a featured image (lib/generation/featured-image.ts); replaced in tests. */
  drawImage?: Parameters<typeof createImageTasks>[0];
  /** Keeps a finished post in the history (lib/storage/history.ts). */
  remember?(entry: HistoryEntry): Promise<void>;
  loadHistory?(): Promise<HistoryEntry[]>;
}

const IMAGE_LOST = 'No featured image: the browser restarted PressPilot’s background worker while it was being drawn.';


/** What the history keeps of a finished post; a rewrite is named by what was asked of it. */
function historyEntry(job: JobState, post: PostFields, context: EditorContext, model: string, at: number, usage: Usage | undefined): HistoryEntry {
  const request = job.request;
  const topic = request.mode === 'generate' ? request.topic
    : request.instructions.trim() || (request.presets.length ? `Rewrite: ${request.presets.join(', ')}` : 'Rewrite');
  return { id: job.id, kind: request.mode, at, topic, site: context.origin ?? '', ...(context.postId ? { postId: context.postId } : {}), title: post.title, metaDescription: post.metaDescription, tags: post.tags, categories: post.categories, body: post.body, model, ...(usage ? { usage } : {}) };
}

/** Clients are cheap, but a new one per job means settings changes take effect at once. */
export function createOpenAIClient(settings: Settings, apiKey: string): OpenAI {
  return new OpenAI({
    apiKey: apiKey || 'no-key',
    baseURL: settings.baseURL,
    // We run in an extension's service worker, where the key is the user's own.
    dangerouslyAllowBrowser: true,
    maxRetries: 2,
    timeout: 120_000,
  });
}

export function createJobRunner(deps: JobRunnerDeps) {
  const now = deps.now ?? Date.now;
  const controllers = new Map<number, AbortController>();
  /** Tabs whose kept result is being written into the editor (Apply after a review). */
  const applying = new Set<number>();
  const images = createImageTasks(deps.drawImage);

  async function update(tabId: number, jobId: string, patch: Partial<JobState>): Promise<JobState | null> {
    const current = await deps.jobs.get(tabId);
    // A job that was dismissed or replaced meanwhile is not written back.
    if (!current || current.id !== jobId) return null;
    const next = { ...current, ...patch, updatedAt: now() };
    await deps.jobs.set(tabId, next);
    return next;
  }

  function contextError(response: ContentResponse): UserError | undefined {
    return response.ok ? undefined : response.error;
  }

  async function readContext(tabId: number, request: JobRequest): Promise<EditorContext> {
    const response = await deps.sendToTab(tabId, { type: 'editor/context', includeContent: request.mode === 'rewrite' });
    if (!response.ok) throw new PressPilotError(response.error.code, response.error.message, response.error.retryable);
    if (!('context' in response)) throw new PressPilotError('editor-failed', 'The editor answered with something unexpected.', true);
    return response.context;
  }

  /** A rewrite's answer with every kept block once, where it belongs; the review says what was mended. */
  function withKeptBlocks(post: PostFields, kept: KeptBlocks | undefined): { post: PostFields; keptSummary?: string } {
    if (!kept || Object.keys(kept).length === 0) return { post };
    const restored = restorePlaceholders(post.body, kept);
    return { post: { ...post, body: restored.markdown }, ...(restored.report.summary ? { keptSummary: restored.report.summary } : {}) };
  }

  /**
   * A reviewed rewrite as the blogger chose it: the fields they took, and the body from each
   * section's chosen version (a kept block the mix would hold twice, or not at all, is mended).
   */
  async function applyChosen(tabId: number, job: JobState, before: string, choices: ReviewChoices): Promise<void> {
    const result = job.result!;
    const all = job.request.mode === 'rewrite' && job.request.scope === 'all';
    const mixed = composeSections(pairSections(before, result.body), choices.sections);
    const body = job.kept && Object.keys(job.kept).length ? restorePlaceholders(mixed, job.kept).markdown : mixed;
    const fields = { title: all && choices.title, excerpt: all && choices.excerpt, tags: all && choices.tags, categories: all && choices.categories, body: true };
    await writePost(tabId, job, { ...result, body }, fields);
  }

  /** A new post's fields: all of them, the excerpt unless the blogger keeps the description out of it. */
  const generatedFields = (settings: Settings): FillFields => ({ title: true, excerpt: settings.descriptionAsExcerpt, tags: true, categories: true, body: true });

  async function applyResult(tabId: number, job: JobState, streamId?: string): Promise<void> {
    if (!job.result) return;
    const all = job.request.mode === 'rewrite' && job.request.scope === 'all';
    const fields = job.request.mode === 'generate' ? generatedFields(await deps.loadSettings()) : { title: all, excerpt: all, tags: all, categories: all, body: true };
    await writePost(tabId, job, job.result, fields, streamId);
  }

  /** Writes a post into the tab's editor and keeps the undo snapshot; failures keep the post. */
  async function writePost(tabId: number, job: JobState, post: PostFields, fields: FillFields, streamId?: string): Promise<void> {
    applying.add(tabId);
    try {
      const wantsImage = wantsFeaturedImage(job.request);
      const drawing = wantsImage ? images.outcome(tabId, job.id) : undefined;
      await update(tabId, job.id, { phase: 'applying', error: undefined, imagePending: Boolean(drawing) });
      const image: ImageOutcome | undefined = await drawing;
      const response = await deps.sendToTab(tabId, {
        type: 'editor/apply',
        post,
        fields,
        bodyMode: job.request.mode === 'generate' ? job.request.bodyMode : 'rewrite',
        createMissingCategories: job.request.createMissingCategories,
        ...(job.request.mode === 'rewrite' ? { pageId: job.pageId, kept: job.kept } : {}),
        ...(streamId ? { streamId } : {}),
        ...(image && 'image' in image ? { featuredImage: image.image } : {}),
      });
      const error = contextError(response);
      if (error || !('report' in response)) {
        // The post is kept: the popup offers "Apply anyway" once the editor is back.
        await update(tabId, job.id, { phase: 'failed', imagePending: false, error: error ?? { code: 'editor-failed', message: 'The editor did not take the post.', retryable: true } });
        return;
      }
      const report = wantsImage && !response.report.image ? { ...response.report, image: image && 'failure' in image ? image.failure : IMAGE_LOST } : response.report;
      await deps.undo.set(tabId, response.snapshot);
      await update(tabId, job.id, { phase: 'done', imagePending: false, applied: true, canUndo: true, report });
    } finally {
      applying.delete(tabId);
    }
  }

  /**
   * Progress goes to storage one write after another, at most once an interval; a model that
   * pauses still shows everything it sent, one interval later. Other patches queue behind it.
   */
  function progressWriter(tabId: number, jobId: string) {
    const interval = deps.progressIntervalMs ?? 250;
    let writing: Promise<unknown> = Promise.resolve();
    let lastWrite = 0;
    let latest: GenerationProgress | undefined;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const write = (patch: Partial<JobState>) => { writing = writing.then(() => update(tabId, jobId, patch)); };
    const writeProgress = (progress: GenerationProgress) => {
      lastWrite = now();
      write({ phase: progress.phase, partialBody: progress.body, words: countWords(progress.body) });
    };
    return {
      latest: () => latest,
      write,
      push(progress: GenerationProgress) {
        latest = progress;
        const wait = interval - (now() - lastWrite);
        if (progress.phase !== 'writing' || wait <= 0) {
          clearTimeout(trailing);
          trailing = undefined;
          return writeProgress(progress);
        }
        trailing ??= setTimeout(() => { trailing = undefined; if (latest) writeProgress(latest); }, wait);
      },
      /** Lets the queued writes land; nothing is written after them. */
      async settle() {
        clearTimeout(trailing);
        await writing.catch(() => undefined);
      },
    };
  }

  /** A post from its outline, section by section, its fields within their limits. */
  async function writeOutlined(stream: StreamRequest, job: JobState, outline: Outline, settings: Settings, guide: string, categories: CategoryRule, onSection: (written: WrittenSection[]) => void): Promise<GeneratedPost> {
    const { options } = job.request;
    const written = await writeSections({ ...stream, outline, targetWords: LENGTHS[options.length], options, limits: settings, instructions: guide, written: job.sections ?? [], onSection });
    return settleDraft({ ...stream, categories, language: options.language }, { ...outlineFields(outline), body: joinSections(written) }, settings.preferLines ? 'lines' : 'json');
  }

  async function run(tabId: number, job: JobState, controller: AbortController): Promise<void> {
    let settings: Settings | undefined;
    const progress = progressWriter(tabId, job.id);
    let streamed: StreamedPost | undefined;
    let usage = job.usage;
    let stopFeed = async () => false;
    try {
      await deps.prepareTab?.(tabId);
      const context = await readContext(tabId, job.request);
      if (controller.signal.aborted) throw new OpenAI.APIUserAbortError();
      settings = await deps.loadSettings();
      const client = deps.createClient(settings, await deps.loadApiKey());
      const request = job.request;
      const stream: StreamRequest = {
        client, model: settings.model, api: settings.api, signal: controller.signal, idleTimeoutMs: deps.idleTimeoutMs,
        onUsage: (used) => { usage = addUsage(usage, used); progress.write({ usage }); },
      };
      const siteVoice = voiceForOrigin(settings.siteVoices, context.origin ?? '');
      const guide = request.mode === 'generate' ? writingInstructions({ template: findTemplate(request.template, settings.customTemplates), siteVoice }) : houseStyle(siteVoice) ?? '';
      // What the prompt offered, and whatever the site has (Uncategorized too) always fits.
      const categories = { choices: [...categoryChoices(context.siteCategories), ...context.siteCategories], allowNew: request.createMissingCategories };
      if (request.mode === 'generate' && request.plan === 'outline' && !request.outline) {
        await update(tabId, job.id, { phase: 'planning' });
        const planned = await planOutline({ ...stream, preferLines: settings.preferLines, input: { topic: request.topic, options: request.options, targetWords: LENGTHS[request.options.length], siteCategories: context.siteCategories, allowNewCategories: request.createMissingCategories, instructions: guide } });
        if (planned.fellBack && !settings.preferLines) await deps.saveSettings({ ...settings, preferLines: true });
        const outline = await fitOutlineFields({ ...stream, categories, language: request.options.language }, planned.outline, settings.preferLines || planned.fellBack ? 'lines' : 'json');
        await progress.settle();
        await update(tabId, job.id, { phase: 'outline', outline, usage });
        return;
      }
      // Drawn while the body is written, from the fields the model writes first.
      const drawImage = wantsFeaturedImage(request)
        ? (post: Partial<PostFields>, finished?: boolean) => images.startWhenKnown(tabId, job.id, post, { client, chatModel: settings!.model, imageModel: settings!.imageModel, language: request.options.language, signal: controller.signal }, finished)
        : undefined;
      if (request.mode === 'rewrite') {
        const current = context.current!;
        checkRewriteFits(current.markdown, request.presets, settings);
        await update(tabId, job.id, { before: { title: current.title, excerpt: current.excerpt, markdown: current.markdown }, pageId: context.pageId, kept: current.kept });
      }
      const messages = (format: 'json' | 'lines') => request.mode === 'generate'
        ? buildGenerateMessages({ topic: request.topic, options: request.options, siteCategories: context.siteCategories, allowNewCategories: request.createMissingCategories, format, guide })
        : buildRewriteMessages({ post: context.current!, instructions: request.instructions, presets: request.presets, options: request.options, siteCategories: context.siteCategories, allowNewCategories: request.createMissingCategories, format, guide });

      // A new post goes into the editor while the model writes it (a rewrite waits for review).
      const streamFields = generatedFields(settings);
      const feed = request.mode === 'generate'
        ? createEditorFeed((post) => deps.sendToTab(tabId, { type: 'editor/stream', streamId: job.id, post, fields: streamFields, bodyMode: request.bodyMode }))
        : undefined;
      stopFeed = async () => {
        await feed?.close();
        return feed?.started ?? false;
      };
      const outline = request.mode === 'generate' ? request.outline : undefined;
      // An outlined post's fields are known from the start; its body grows section by section.
      const toStreamed = outline
        ? (step: GenerationProgress): StreamedPost => ({ ...outlineFields(outline), body: finishedBlocks(step.body) })
        : (step: GenerationProgress) => streamedPost(step.answer);
      stream.onProgress = (step) => {
        if ((feed || drawImage) && step.phase === 'writing') {
          streamed = toStreamed(step);
          feed?.push(streamed);
          drawImage?.(streamed);
        }
        progress.push(step);
      };
      let answered: GeneratedPost;
      if (outline) answered = await writeOutlined(stream, job, outline, settings, guide, categories, (written) => progress.write({ sections: written }));
      else {
        const result = await generatePost({ ...stream, messages, preferLines: settings.preferLines, categories, language: request.options.language });
        if (result.fellBack && !settings.preferLines) await deps.saveSettings({ ...settings, preferLines: true });
        answered = result.post;
      }
      await progress.settle();
      const wasStreamed = await stopFeed();
      const { post, keptSummary } = withKeptBlocks(answered, context.current?.kept);
      drawImage?.(post, true);
      const done = await update(tabId, job.id, { result: post, partialBody: post.body, words: countWords(post.body), keptSummary, usage });
      // Written to the history beside the fill, never before it: the history can be megabytes.
      const remembered = deps.remember?.(historyEntry(job, post, context, settings.model, now(), usage)).catch(() => undefined);
      if (!done) {
        if (wasStreamed) await deps.sendToTab(tabId, { type: 'editor/stream-end', streamId: job.id });
      } else if (job.request.mode === 'rewrite') {
        // A rewrite is shown for review first; a new post goes straight into the editor.
        await update(tabId, job.id, { phase: 'review' });
      } else {
        await applyResult(tabId, done, wasStreamed ? job.id : undefined);
      }
      await remembered;
    } catch (error) {
      // Progress still queued must land before the outcome, never over it.
      await progress.settle();
      // What was streamed into the editor goes: the post is exactly as before, the text stays here.
      if (await stopFeed().catch(() => false)) await deps.sendToTab(tabId, { type: 'editor/stream-end', streamId: job.id });
      const cause = error instanceof PartialAnswerError ? error.cause : error;
      const kept = error instanceof PartialAnswerError ? error.answer : '';
      const userError = describeError(cause, { baseURL: settings?.baseURL, model: settings?.model });
      const partialBody = progress.latest()?.body || kept;
      const { body: _body, ...partialFields } = streamed ?? { body: '' };
      await update(tabId, job.id, {
        phase: userError.code === 'cancelled' ? 'cancelled' : 'failed',
        error: userError,
        partialBody,
        partialFields,
        words: countWords(partialBody),
        usage,
      });
    }
  }

  /** A new job for the tab (replacing its last one), carrying what a retry keeps. */
  async function begin(tabId: number, request: JobRequest, carried: Pick<JobState, 'sections' | 'usage'> = {}): Promise<void> {
    controllers.get(tabId)?.abort();
    const controller = new AbortController();
    controllers.set(tabId, controller);
    images.forget(tabId);
    if (controllers.size === 1) deps.onBusyChange?.(true);
    const job: JobState = {
      id: crypto.randomUUID(), tabId, request, phase: 'reading', startedAt: now(), updatedAt: now(),
      words: 0, partialBody: '', applied: false, canUndo: false, ...carried,
    };
    await deps.jobs.set(tabId, job);
    // Not awaited: the popup may close; progress goes to storage.
    void run(tabId, job, controller).finally(() => {
      if (controllers.get(tabId) !== controller) return;
      controllers.delete(tabId);
      if (controllers.size === 0) deps.onBusyChange?.(false);
    });
  }

  return {
    /** Starts a job for a tab; only the popup calls this (the background checks the sender). */
    async start(tabId: number, request: JobRequest): Promise<void> {
      // Writing a planned outline: the plan's tokens count toward the post.
      const planned = await deps.jobs.get(tabId);
      const usage = planned?.phase === 'outline' && request.mode === 'generate' && request.outline ? planned.usage : undefined;
      await begin(tabId, request, usage ? { usage } : {});
    },

    /** Keeps the blogger's edits to the outline waiting to be written (a later Write sends it whole). */
    async keepOutline(tabId: number, outline: Outline): Promise<void> {
      const job = await deps.jobs.get(tabId);
      if (job?.phase === 'outline') await update(tabId, job.id, { outline });
    },

    /** Retries an outlined post from the section that failed: the sections written stay. */
    async resume(tabId: number): Promise<void> {
      const job = await deps.jobs.get(tabId);
      if (!job || isRunning(job) || job.request.mode !== 'generate' || !job.request.outline) throw new PressPilotError('unknown', 'There is no outlined post to go on with.');
      await begin(tabId, job.request, { ...(job.sections ? { sections: job.sections } : {}), ...(job.usage ? { usage: job.usage } : {}) });
    },

    /** Puts a post from the history into the tab's editor, as one undo step. */
    async putBack(tabId: number, entryId: string): Promise<void> {
      const entry = (await deps.loadHistory?.())?.find((item) => item.id === entryId);
      if (!entry) throw new PressPilotError('unknown', 'That post is no longer in the history.');
      controllers.get(tabId)?.abort();
      await deps.prepareTab?.(tabId);
      const settings = await deps.loadSettings();
      const topic = (entry.topic.trim().length >= 3 ? entry.topic : `From the history: ${entry.title}`).slice(0, 500);
      const request: JobRequest = { mode: 'generate', topic, options: settings.writing, createMissingCategories: settings.createMissingCategories, bodyMode: 'replace', featuredImage: false, template: DEFAULT_TEMPLATE_ID, plan: 'at-once' };
      const post: PostFields = { title: entry.title, metaDescription: entry.metaDescription, tags: entry.tags, categories: entry.categories, body: entry.body };
      const job: JobState = {
        id: crypto.randomUUID(), tabId, request, phase: 'applying', startedAt: now(), updatedAt: now(),
        words: countWords(post.body), partialBody: post.body, result: post, applied: false, canUndo: false,
      };
      await deps.jobs.set(tabId, job);
      await applyResult(tabId, job);
    },

    /** Whether this worker runs the tab's job (one a stopped worker left in storage it does not). */
    runs(tabId: number): boolean {
      return controllers.has(tabId) || applying.has(tabId);
    },

    async cancel(tabId: number): Promise<void> {
      controllers.get(tabId)?.abort();
    },

    /** Applies a kept result: a reviewed rewrite, or a post the editor could not take before. */
    async apply(tabId: number, choices?: ReviewChoices): Promise<void> {
      const job = await deps.jobs.get(tabId);
      if (!job?.result) throw new PressPilotError('unknown', 'There is no post to apply.');
      await deps.prepareTab?.(tabId);
      if (choices && job.request.mode === 'rewrite' && job.before) await applyChosen(tabId, job, job.before.markdown, choices);
      else await applyResult(tabId, job);
    },

    /** "Keep what was written": a generation that broke off goes into the editor as it stands. */
    async keep(tabId: number): Promise<void> {
      const job = await deps.jobs.get(tabId);
      if (!job || job.request.mode !== 'generate' || !job.partialBody.trim() || isRunning(job)) throw new PressPilotError('unknown', 'There is nothing written to keep.');
      await deps.prepareTab?.(tabId);
      const known = job.partialFields ?? {};
      const post: PostFields = { ...known, title: known.title ?? '', metaDescription: known.metaDescription ?? '', tags: known.tags ?? [], categories: known.categories ?? [], body: job.partialBody };
      const { descriptionAsExcerpt } = await deps.loadSettings();
      await writePost(tabId, job, post, { title: Boolean(known.title), excerpt: Boolean(known.metaDescription) && descriptionAsExcerpt, tags: Boolean(known.tags?.length), categories: Boolean(known.categories?.length), body: true });
    },

    async undo(tabId: number): Promise<void> {
      const snapshot = await deps.undo.get(tabId);
      if (!snapshot) throw new PressPilotError('unknown', 'There is nothing to undo.');
      await deps.prepareTab?.(tabId);
      const response = await deps.sendToTab(tabId, { type: 'editor/restore', snapshot });
      if (!response.ok) throw new PressPilotError(response.error.code, response.error.message, response.error.retryable);
      await deps.undo.set(tabId, null);
      const job = await deps.jobs.get(tabId);
      // The post stays at hand for review, to apply again if the user changes their mind.
      if (job) await update(tabId, job.id, { canUndo: false, applied: false, phase: 'review' });
    },

    async dismiss(tabId: number): Promise<void> {
      controllers.get(tabId)?.abort();
      images.forget(tabId);
      await deps.jobs.set(tabId, null);
    },

    /**
     * The tab loaded a page: its undo snapshot belonged to the old one and must never be restored
     * into another post. A running job goes on, and a new post not applied yet (or an outline not
     * written yet) stays; a finished rewrite goes, as it was made from the old page's post.
     */
    async pageLoaded(tabId: number): Promise<void> {
      await deps.undo.set(tabId, null);
      const job = await deps.jobs.get(tabId);
      if (!job || isRunning(job) || job.phase === 'outline' || (job.result && !job.applied && job.request.mode === 'generate')) {
        if (job?.canUndo) await update(tabId, job.id, { canUndo: false });
        return;
      }
      await deps.jobs.set(tabId, null);
    },

    /**
     * After a service-worker restart: jobs that were running here are reported as interrupted,
     * and what they had streamed into the editor goes, so the post is as it was before.
     */
    async recoverInterrupted(): Promise<void> {
      for (const job of await deps.jobs.all()) {
        if (isRunning(job) && !controllers.has(job.tabId)) {
          await deps.jobs.set(job.tabId, { ...job, phase: 'failed', error: INTERRUPTED, updatedAt: now() });
          if (job.request.mode === 'generate') await deps.sendToTab(job.tabId, { type: 'editor/stream-end', streamId: job.id });
        }
      }
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
