import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRunner, createOpenAIClient, type JobRunnerDeps } from '../../lib/jobs/job-runner';
import type { ContentRequest, ContentResponse, JobRequest, JobState } from '../../lib/messaging/protocol';
import { apiKeyItem, jobItem, loadJob, loadSettings, loadUndo, settingsItem, undoItem, DEFAULT_SETTINGS } from '../../lib/storage/storage';
import { isOutlineRequest, isSectionRequest, makeOutline, makePost, outlineAsJson, testTokenCount, postAsLines, sectionHeading, startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import type { Outline } from '../../lib/generation/outline';
import type { HistoryEntry } from '../../lib/storage/history';

let server: OpenAITestServer;
beforeAll(async () => { server = await startOpenAITestServer({ apiKey: 'sk-good' }); });
afterAll(async () => { await server.close(); });

const TAB = 7;
/**
 * Each job streams through a local server and is polled for by `settled` for up to 10 s: the
 * tests get a budget above that, so a slow, loaded machine fails on the poll's clear message, if
 * at all, not on vitest's 5 s default.
 */
const JOB_BUDGET = 30_000;
const generate = (topic = 'Caching for WordPress'): Extract<JobRequest, { mode: 'generate' }> => ({
  mode: 'generate', topic, options: { tone: 'informative', length: 'standard', language: 'English' }, createMissingCategories: false, bodyMode: 'replace', featuredImage: false, template: 'seed', plan: 'at-once',
});
const rewrite = (changes: Partial<Extract<JobRequest, { mode: 'rewrite' }>> = {}): JobRequest => ({
  mode: 'rewrite', instructions: '', presets: [], scope: 'body', options: { tone: 'friendly', length: 'standard', language: 'English' }, createMissingCategories: false, featuredImage: false, ...changes,
});
const snapshot = { kind: 'block-editor' as const, data: { title: 'before' } };
const report = { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] };

/** The editor tab's content script, as the background sees it. */
function fakeTab(overrides: Partial<Record<ContentRequest['type'], (request: any) => ContentResponse>> = {}) {
  const requests: ContentRequest[] = [];
  const send = vi.fn(async (tabId: number, request: ContentRequest): Promise<ContentResponse> => {
    requests.push(request);
    const override = overrides[request.type];
    if (override) return override(request);
    switch (request.type) {
      case 'editor/context': return { ok: true, context: { kind: 'block-editor', pageId: 'page-1', siteCategories: ['Uncategorized', 'Performance'], current: request.includeContent ? { title: 'Old title', excerpt: 'Old', tags: [], categories: [], markdown: '## Old heading\n\nOld text.', kept: {} } : undefined } };
      case 'editor/apply': return { ok: true, report, snapshot };
      case 'editor/restore': return { ok: true, restored: true };
      default: return { ok: true, status: { kind: 'block-editor', ready: true } };
    }
  });
  return { send, requests };
}

function runner(tab = fakeTab(), extra: Partial<JobRunnerDeps> = {}) {
  return createJobRunner({
    jobs: {
      get: loadJob,
      set: async (tabId, job) => { await (job ? jobItem(tabId).setValue(job) : jobItem(tabId).removeValue()); },
      all: async () => (await Promise.all([TAB, 8].map(loadJob))).filter((job): job is JobState => job !== null),
    },
    undo: { get: loadUndo, set: async (tabId, value) => { await (value ? undoItem(tabId).setValue(value) : undoItem(tabId).removeValue()); } },
    loadSettings,
    saveSettings: (settings) => settingsItem.setValue(settings),
    loadApiKey: () => apiKeyItem.getValue(),
    sendToTab: tab.send,
    createClient: (settings, key) => createOpenAIClient(settings, key).withOptions({ maxRetries: 1 }),
    progressIntervalMs: 0,
    ...extra,
  });
}

async function settled(tabId = TAB): Promise<JobState> {
  let job: JobState | null = null;
  await vi.waitFor(async () => {
    job = await loadJob(tabId);
    if (!job || ['reading', 'planning', 'connecting', 'writing', 'repairing', 'applying'].includes(job.phase)) throw new Error(`still ${job?.phase}`);
  }, { timeout: 10_000, interval: 20 });
  return job!;
}

beforeEach(async () => {
  fakeBrowser.reset();
  server.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseURL: server.url, model: 'test-model' });
  await apiKeyItem.setValue('sk-good');
});

describe('a generation from the popup', { timeout: JOB_BUDGET }, () => {
  it('streams, keeps progress in session storage, applies to the tab and keeps the undo snapshot', async () => {
    const post = makePost({ words: 400 });
    server.enqueue({ kind: 'post', post, chunkChars: 50, delayMs: 1 });
    const tab = fakeTab();
    const phases = new Set<string>();
    const words: number[] = [];
    jobItem(TAB).watch((job) => { if (job) { phases.add(job.phase); words.push(job.words); } });

    await runner(tab).start(TAB, generate());
    const job = await settled();

    expect(job.phase).toBe('done');
    expect(job.result?.title).toBe(post.title);
    expect(job.applied).toBe(true);
    expect(job.canUndo).toBe(true);
    expect([...phases]).toEqual(expect.arrayContaining(['reading', 'writing', 'applying', 'done']));
    expect(Math.max(...words)).toBeGreaterThan(300);
    expect(await loadUndo(TAB)).toEqual(snapshot);
    const apply = tab.requests.find((request) => request.type === 'editor/apply');
    expect(apply).toMatchObject({ post: { title: post.title, body: post.body }, fields: { title: true, excerpt: true, tags: true, categories: true, body: true }, bodyMode: 'replace' });
    // The prompt offers the site's categories, not "Uncategorized".
    const prompt = JSON.stringify(server.requests[0]!.body.messages);
    expect(prompt).toContain('\\"Performance\\"');
    expect(prompt).not.toContain('Uncategorized');
  });

  it('falls back to the seed line format when the server rejects JSON schemas, and remembers it', async () => {
    const post = makePost({ words: 200 });
    server.enqueue({ kind: 'reject-json-schema' }, { kind: 'post', post });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.result?.title).toBe(post.title);
    expect(server.requests[1]!.body.response_format).toBeUndefined();
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain('EndOFText');
    expect((await loadSettings()).preferLines).toBe(true);
  });

  it('asks the model once for the whole post again only when its body is missing', async () => {
    const post = makePost({ words: 200 });
    server.enqueue({ kind: 'text', text: JSON.stringify({ title: post.title, tags: post.tags }) }, { kind: 'post', post });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.result?.body).toBe(post.body);
    const repair = server.requests[1]!.body.messages;
    expect(repair.at(-1).content).toContain('- body: Invalid input');
    expect(repair.at(-2).role).toBe('assistant');
  });

  it('fixes an answer with two tags by one small follow-up for the tags alone, never writing the body twice', async () => {
    const post = { ...makePost({ words: 200 }), tags: ['Caching', 'Speed'], categories: ['Performance'] };
    server.enqueue({ kind: 'post', post }, { kind: 'text', text: JSON.stringify({ tags: ['Object Cache', 'speed', 'CDN'] }) });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(server.requests).toHaveLength(2);
    const followUp = server.requests[1]!.body;
    expect(followUp.response_format.json_schema.schema.required).toEqual(['tags']);
    expect(Object.keys(followUp.response_format.json_schema.schema.properties)).toEqual(['tags']);
    expect(followUp.messages.at(-1).content).toMatch(/Write only its tags, in English/);
    expect(job.result).toMatchObject({ title: post.title, body: post.body, tags: ['Caching', 'Speed', 'Object Cache', 'CDN'], categories: ['Performance'] });
  });

  it('puts the post in with what it has when the follow-up fails too', async () => {
    const post = { ...makePost({ words: 200 }), tags: ['Caching', 'Speed'], categories: ['Performance'] };
    server.enqueue({ kind: 'post', post }, { kind: 'error', status: 400 });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.result).toMatchObject({ body: post.body, tags: ['Caching', 'Speed'] });
  });

  it('trims and picks what breaks a soft limit without asking the model at all', async () => {
    const post = {
      ...makePost({ words: 200 }),
      title: 'How to Diagnose and Fix a Slow Home Wi-Fi Network: A Complete Step-by-Step Guide',
      metaDescription: `Is your home Wi-Fi slow, patchy or dropping out? ${'Learn how to measure what is wrong, pick a clear channel and place the router well. '.repeat(3)}`,
      tags: Array.from({ length: 12 }, (_, index) => `Tag ${index + 1}`),
      categories: ['Tutorials', 'performance', 'News', 'Reviews'],
    };
    server.enqueue({ kind: 'post', post });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(server.requests).toHaveLength(1);
    expect(job.result!.title).toBe('How to Diagnose and Fix a Slow Home Wi-Fi Network');
    expect(job.result!.metaDescription.length).toBeLessThanOrEqual(160);
    expect(job.result!.metaDescription).toMatch(/^Is your home Wi-Fi slow, patchy or dropping out\? Learn how .*\.$/);
    expect(job.result!.tags).toHaveLength(10);
    // The site's own category, in its spelling, first; the others stay for the editor to report.
    expect(job.result!.categories).toEqual(['Performance', 'Tutorials', 'News']);
  });

  it('gives up after one repair with a clear message and keeps the text', async () => {
    server.enqueue({ kind: 'text', text: 'I am sorry, here is a poem instead.' }, { kind: 'text', text: 'Still a poem.' });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('invalid-output');
    expect(job.error?.message).toContain('did not fit the post format');
  });

  it.each([
    [401, 'bad-key', 'rejected the API key'],
    [404, 'no-model', 'has no model “test-model”'],
    [500, 'server', 'server error'],
  ])('says what a %i means in one sentence', async (status, code, words) => {
    server.enqueue({ kind: 'error', status }, { kind: 'error', status });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('failed');
    expect(job.error).toMatchObject({ code });
    expect(job.error?.message).toContain(words);
  });

  it('says a post is too long when the server reports its context length exceeded', async () => {
    server.enqueue({ kind: 'error', status: 400, code: 'context_length_exceeded', message: "This model's maximum context length is 8192 tokens." });
    await runner().start(TAB, generate());
    expect((await settled()).error).toMatchObject({ code: 'too-long', retryable: false });
  });

  it('waits out a 429 with its Retry-After, then says the key is rate-limited', async () => {
    const limited = { kind: 'error' as const, status: 429, message: 'Rate limit reached for requests', headers: { 'retry-after': '0' } };
    server.enqueue(limited, limited);
    await runner().start(TAB, generate());
    const job = await settled();
    expect(server.requests).toHaveLength(2); // one retry (maxRetries 1 in this test)
    expect(job.error).toMatchObject({ code: 'rate-limited', retryable: true });
    expect(job.error?.message).toContain('Rate limit reached for requests');
  });

  it('works through the Responses API too', async () => {
    await settingsItem.setValue({ ...(await loadSettings()), api: 'responses' });
    const post = makePost({ words: 200 });
    server.enqueue({ kind: 'post', post, chunkChars: 64 });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.result?.body).toBe(post.body);
    expect(server.requests[0]!.path).toMatch(/\/responses$/);
    expect(server.requests[0]!.body.text.format.type).toBe('json_schema');
  });

  it('keeps the partial body of a stream cut mid-way', async () => {
    const post = makePost({ words: 400 });
    server.enqueue({ kind: 'post', post, cutAfterChars: 1200 });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('cut');
    expect(job.error?.retryable).toBe(true);
    expect(job.partialBody.length).toBeGreaterThan(200);
    expect(post.body.startsWith(job.partialBody)).toBe(true);
  });

  it('shows all the text received before the model pauses, and keeps it when the stream is then cut', async () => {
    const post = makePost({ words: 400 });
    const firstHeading = /^## (.+)$/m.exec(post.body)![1]!;
    server.enqueue({ kind: 'post', post, chunkChars: 40, stallAfterChars: 1200 });
    // Every chunk arrives within one interval of the first: only a write after the pause shows them.
    await runner(fakeTab(), { progressIntervalMs: 300 }).start(TAB, generate());
    await vi.waitFor(async () => expect((await loadJob(TAB))?.partialBody).toContain(firstHeading), { timeout: 5_000, interval: 20 });
    expect((await loadJob(TAB))?.phase).toBe('writing');

    expect(server.cutStalled()).toBe(1);
    const job = await settled();
    expect(job.error?.code).toBe('cut');
    expect(job.partialBody).toContain(firstHeading);
    expect(post.body.startsWith(job.partialBody)).toBe(true);
  });

  it('gives up on a stream that goes silent', async () => {
    server.enqueue({ kind: 'post', post: makePost(), stallAfterChars: 600 });
    await runner(fakeTab(), { idleTimeoutMs: 300 }).start(TAB, generate());
    const job = await settled();
    expect(job.error?.code).toBe('timeout');
    expect(job.partialBody.length).toBeGreaterThan(0);
  });

  it('Cancel aborts the HTTP request itself', async () => {
    server.enqueue({ kind: 'post', post: makePost(), stallAfterChars: 400 });
    const jobs = runner();
    await jobs.start(TAB, generate());
    const request = await server.waitForRequest((candidate) => candidate.path.endsWith('/chat/completions'));
    await vi.waitFor(async () => expect((await loadJob(TAB))?.phase).toBe('writing'));
    await jobs.cancel(TAB);
    expect((await request.done).clientAborted).toBe(true);
    const job = await settled();
    expect(job.phase).toBe('cancelled');
    expect(job.partialBody.length).toBeGreaterThan(0);
  });

  it('keeps the post when the editor cannot take it, and applies it later', async () => {
    const post = makePost({ words: 200 });
    server.enqueue({ kind: 'post', post });
    let ready = false;
    const tab = fakeTab({
      'editor/apply': () => (ready ? { ok: true, report, snapshot } : { ok: false, error: { code: 'editor-not-ready', message: 'The editor is still loading.', retryable: true } }),
    });
    const jobs = runner(tab);
    await jobs.start(TAB, generate());
    const failed = await settled();
    expect(failed).toMatchObject({ phase: 'failed', applied: false, error: { code: 'editor-not-ready' } });
    expect(failed.result?.title).toBe(post.title);
    ready = true;
    await jobs.apply(TAB);
    expect(await loadJob(TAB)).toMatchObject({ phase: 'done', applied: true });
  });

  it('never mixes up two tabs generating at once', async () => {
    server.respondWith((request) => {
      const prompt = JSON.stringify(request.body.messages);
      return { kind: 'post', post: makePost({ title: prompt.includes('tab seven') ? 'Post for tab seven' : 'Post for tab eight' }), chunkChars: 30, delayMs: 2 };
    });
    const applied = new Map<number, string>();
    const tab = fakeTab();
    tab.send.mockImplementation(async (tabId, request) => {
      if (request.type === 'editor/apply') { applied.set(tabId, request.post.title); return { ok: true, report, snapshot }; }
      return { ok: true, context: { kind: 'block-editor', pageId: 'page-1', siteCategories: [] } };
    });
    const jobs = runner(tab);
    await Promise.all([jobs.start(TAB, generate('tab seven topic')), jobs.start(8, generate('tab eight topic'))]);
    await settled(TAB);
    await settled(8);
    expect(Object.fromEntries(applied)).toEqual({ 7: 'Post for tab seven', 8: 'Post for tab eight' });
  });

  it('after a service-worker restart, a job left running is reported as interrupted with its text kept', async () => {
    const stale: JobState = {
      id: 'old', tabId: TAB, request: generate(), phase: 'writing', startedAt: 1, updatedAt: 2, words: 3,
      partialBody: 'Three words here', applied: false, canUndo: false,
    };
    await jobItem(TAB).setValue(stale);
    await runner().recoverInterrupted();
    expect(await loadJob(TAB)).toMatchObject({ phase: 'failed', partialBody: 'Three words here', error: { code: 'interrupted', retryable: true } });
  });
});

describe('a new post written into the editor while it streams', { timeout: JOB_BUDGET }, () => {
  it('keeps the description out of the excerpt when the blogger turned that off, while it streams and at the end', async () => {
    await settingsItem.setValue({ ...(await loadSettings()), descriptionAsExcerpt: false });
    const tab = fakeTab();
    server.enqueue({ kind: 'post', post: makePost({ words: 300 }), chunkChars: 50 });
    await runner(tab).start(TAB, generate());
    expect((await settled()).phase).toBe('done');
    const written = tab.requests.filter((request) => request.type === 'editor/stream' || request.type === 'editor/apply') as Array<{ fields: { excerpt: boolean; title: boolean } }>;
    expect(written.length).toBeGreaterThan(1);
    expect(written.every((request) => !request.fields.excerpt && request.fields.title)).toBe(true);
  });

  it('sends the finished part as it comes, then the whole post as the end of that same stream', async () => {
    const tab = fakeTab();
    const post = makePost({ words: 400 });
    server.enqueue({ kind: 'post', post, chunkChars: 50 });
    await runner(tab).start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    const streamed = tab.requests.filter((request) => request.type === 'editor/stream') as Array<Extract<ContentRequest, { type: 'editor/stream' }>>;
    expect(streamed.length).toBeGreaterThan(3);
    expect(streamed.every((request) => request.streamId === job.id)).toBe(true);
    // The fields first, then a growing body made of finished blocks only.
    expect(streamed.find((request) => request.post.title)?.post.body ?? '').toBe('');
    const bodies = streamed.map((request) => request.post.body);
    expect(bodies.every((body, index) => index === 0 || body.startsWith(bodies[index - 1]!.slice(0, -20)))).toBe(true);
    expect(post.body.startsWith(bodies.at(-1)!)).toBe(true);
    const apply = tab.requests.at(-1);
    expect(apply).toMatchObject({ type: 'editor/apply', streamId: job.id, post: { title: post.title } });
  });

  it('takes the streamed part away when the stream breaks off, and Keep puts it in as it stands', async () => {
    const tab = fakeTab();
    const post = makePost({ words: 400 });
    server.enqueue({ kind: 'post', post, chunkChars: 50, cutAfterChars: 1500 });
    const jobs = runner(tab);
    await jobs.start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('failed');
    expect(tab.requests.at(-1)).toEqual({ type: 'editor/stream-end', streamId: job.id });
    expect(job.partialFields).toMatchObject({ title: post.title, metaDescription: post.metaDescription, tags: post.tags });

    await jobs.keep(TAB);
    const kept = await settled();
    expect(kept.phase).toBe('done');
    expect(tab.requests.at(-1)).toMatchObject({
      type: 'editor/apply', post: { title: post.title, body: job.partialBody }, fields: { title: true, excerpt: true, tags: true, categories: true, body: true },
    });
    expect(tab.requests.at(-1)).not.toHaveProperty('streamId');
  });

  it('a worker that restarts takes away what the job it lost had streamed', async () => {
    const tab = fakeTab();
    await jobItem(TAB).setValue({ id: 'lost-job', tabId: TAB, request: generate(), phase: 'writing', startedAt: 1, updatedAt: 1, words: 10, partialBody: 'Some text', applied: false, canUndo: false });
    await runner(tab).recoverInterrupted();
    expect((await loadJob(TAB))?.phase).toBe('failed');
    expect(tab.requests).toEqual([{ type: 'editor/stream-end', streamId: 'lost-job' }]);
  });
});

describe('answers at the edges', { timeout: JOB_BUDGET }, () => {
  it('a 20,000-word answer ends in a valid post, applied', async () => {
    const post = makePost({ words: 20_000 });
    server.enqueue({ kind: 'post', post, chunkChars: 4_000 });
    const tab = fakeTab();
    await runner(tab).start(TAB, generate());
    const job = await settled();
    expect(job).toMatchObject({ phase: 'done', applied: true });
    expect(job.words).toBeGreaterThanOrEqual(20_000);
    expect(tab.requests.find((request) => request.type === 'editor/apply')).toMatchObject({ post: { body: post.body } });
  });

  it('emoji, CJK and right-to-left text come through whole, even split mid-character by the stream', async () => {
    const base = makePost({ words: 200 });
    const post = { ...base, title: 'ガイド: 速いサイト 🚀 دليل سريع', metaDescription: 'مرحبا بالعالم — 多线程 🙂', tags: ['😀 emoji', '中文', 'עברית'], body: `${base.body}\n\n## 多线程と🚀\n\nשלום עולם, مرحبا 👩‍👩‍👧 家族.` };
    server.enqueue({ kind: 'post', post, chunkChars: 7 });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.result).toMatchObject({ title: post.title, metaDescription: post.metaDescription, tags: post.tags });
    expect(job.result!.body).toContain('שלום עולם, مرحبا 👩‍👩‍👧 家族.');
  });

  it('an answer that stops inside a code fence ends in a clear message, its text kept', async () => {
    const post = makePost({ words: 300 });
    const answer = postAsLines(post);
    const insideFence = answer.indexOf('wp_cache_set') + 'wp_cache_set'.length;
    server.enqueue({ kind: 'post', post, format: 'lines', cutAfterChars: insideFence });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('cut');
    expect(job.partialBody).toContain('```php');
    expect(job.partialBody).toMatch(/wp_cache_set$/);
  });
});

describe('a rewrite', { timeout: JOB_BUDGET }, () => {
  it('sends the post as Markdown, waits for review, applies, and undo restores the snapshot', async () => {
    const post = makePost({ words: 200 });
    server.enqueue({ kind: 'post', post });
    const tab = fakeTab();
    const jobs = runner(tab);
    await jobs.start(TAB, rewrite({ instructions: 'Make it friendlier', presets: ['clarity'] }));
    const review = await settled();
    expect(review.phase).toBe('review');
    expect(review.before).toEqual({ title: 'Old title', excerpt: 'Old', markdown: '## Old heading\n\nOld text.' });
    const prompt = server.requests[0]!.body.messages.at(-1).content as string;
    expect(prompt).toContain('## Old heading\n\nOld text.');
    expect(prompt).toContain('Make it friendlier');
    expect(tab.requests.some((request) => request.type === 'editor/apply')).toBe(false);

    await jobs.apply(TAB);
    expect(tab.requests.find((request) => request.type === 'editor/apply')).toMatchObject({ pageId: 'page-1', fields: { title: false, excerpt: false, tags: false, categories: false, body: true } });
    expect(await loadJob(TAB)).toMatchObject({ phase: 'done', canUndo: true });

    await jobs.undo(TAB);
    expect(tab.requests.at(-1)).toEqual({ type: 'editor/restore', snapshot });
    expect(await loadUndo(TAB)).toBeNull();
    expect(await loadJob(TAB)).toMatchObject({ phase: 'review', canUndo: false });
  });

  it('refuses up front, with a clear message and no request, a post longer than the model can write back', async () => {
    const longMarkdown = Array.from({ length: 400 }, (_, index) => `## Part ${index}\n\n${'Lorem ipsum dolor sit amet. '.repeat(20)}`).join('\n\n');
    const tab = fakeTab({ 'editor/context': () => ({ ok: true, context: { kind: 'classic-editor', pageId: 'page-1', siteCategories: [], current: { title: 'Long', excerpt: '', tags: [], categories: [], markdown: longMarkdown, kept: {} } } }) });
    await runner(tab).start(TAB, rewrite());
    const job = await settled();
    expect(job).toMatchObject({ phase: 'failed', error: { code: 'too-long', retryable: false } });
    expect(job.error!.message).toMatch(/too long to rewrite in one answer: it is about [\d,]+ words.*model writes at most 16,384.*Nothing was sent/);
    expect(server.requests).toHaveLength(0);
    expect(tab.requests.map((request) => request.type)).toEqual(['editor/context']);
  });

  it('applies what the review chose: the fields taken, each section from its chosen version', async () => {
    const tab = fakeTab({ 'editor/context': () => ({ ok: true, context: { kind: 'block-editor', pageId: 'page-1', siteCategories: ['Uncategorized'], current: { title: 'Old title', excerpt: 'Old', tags: [], categories: [], markdown: 'Old intro.\n\n## Setup\n\nOld setup.', kept: {} } } }) });
    const rest = makePost({ words: 200 }).body;
    server.enqueue({ kind: 'post', post: { ...makePost({ words: 200 }), body: `New intro.\n\n## Setup\n\nNew setup.\n\n${rest}` } });
    const jobs = runner(tab);
    await jobs.start(TAB, rewrite({ scope: 'all' }));
    expect((await settled()).phase).toBe('review');
    // Keep the old introduction and title; take the rest.
    await jobs.apply(TAB, { title: false, excerpt: true, tags: true, categories: false, sections: [false, true] });
    const apply = tab.requests.find((request) => request.type === 'editor/apply') as Extract<ContentRequest, { type: 'editor/apply' }>;
    expect(apply.fields).toEqual({ title: false, excerpt: true, tags: true, categories: false, body: true });
    expect(apply.post.body.startsWith('Old intro.\n\n## Setup\n\nNew setup.\n\n')).toBe(true);
    expect(apply.post.body).toContain('## Why speed matters');
  });

  it('puts back a kept block the model left out, says so in the review, and hands the kept blocks to the editor', async () => {
    const embed = '<!-- wp:embed {"url":"https://youtu.be/x"} -->\n<figure class="wp-block-embed"></figure>\n<!-- /wp:embed -->';
    const kept = { 1: { html: embed, after: 'Old text.', textsBefore: 2 } };
    const tab = fakeTab({ 'editor/context': () => ({ ok: true, context: { kind: 'block-editor', pageId: 'page-1', siteCategories: [], current: { title: 'Old title', excerpt: '', tags: [], categories: [], markdown: '## Old heading\n\nOld text.\n\n[[keep:1]]\n\nMore text.', kept } } }) });
    // The model rewrites the text and leaves the video out.
    const rest = makePost({ words: 200 }).body;
    server.enqueue({ kind: 'post', post: { ...makePost({ words: 200 }), body: `## New heading\n\nOld text.\n\n${rest}` } });
    const jobs = runner(tab);
    await jobs.start(TAB, rewrite());
    const review = await settled();
    expect(review.phase).toBe('review');
    expect(review.result!.body).toBe(`## New heading\n\nOld text.\n\n[[keep:1]]\n\n${rest}`);
    expect(server.requests).toHaveLength(1);
    expect(review.keptSummary).toMatch(/left out 1 block/);
    expect(server.requests[0]!.body.messages.at(-1).content).toContain('[[keep:1]]');
    await jobs.apply(TAB);
    expect(tab.requests.find((request) => request.type === 'editor/apply')).toMatchObject({ pageId: 'page-1', kept });
  });

  it('checks the context window too, and lets a post that fits go through', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseURL: server.url, model: 'test-model', contextTokens: 8_000, maxOutputTokens: 100_000 });
    const markdown = 'word '.repeat(4_000);
    const tab = fakeTab({ 'editor/context': () => ({ ok: true, context: { kind: 'classic-editor', pageId: 'page-1', siteCategories: [], current: { title: 'T', excerpt: '', tags: [], categories: [], markdown, kept: {} } } }) });
    await runner(tab).start(TAB, rewrite());
    expect((await settled()).error?.message).toMatch(/context window/);

    await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseURL: server.url, model: 'test-model', contextTokens: 32_000 });
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    await runner(tab).start(TAB, rewrite());
    expect((await settled()).phase).toBe('review');
  });
});

describe('a page load in the tab', { timeout: JOB_BUDGET }, () => {
  it('drops the undo snapshot and a finished job, but keeps a post not applied yet', async () => {
    const jobs = runner();
    const done: JobState = { id: 'a', tabId: TAB, request: generate(), phase: 'done', startedAt: 1, updatedAt: 1, words: 0, partialBody: '', applied: true, canUndo: true };
    await jobItem(TAB).setValue(done);
    await undoItem(TAB).setValue(snapshot);
    await jobs.pageLoaded(TAB);
    expect(await loadUndo(TAB)).toBeNull();
    expect(await loadJob(TAB)).toBeNull();

    const unapplied = { ...done, phase: 'failed' as const, applied: false, canUndo: false, result: makePost({ words: 100 }) };
    await jobItem(TAB).setValue(unapplied);
    await jobs.pageLoaded(TAB);
    expect(await loadJob(TAB)).toMatchObject({ phase: 'failed', applied: false });

    // An outline waiting to be written is the blogger's work: it stays too.
    const outline = { title: 'T', metaDescription: '', seoTitle: '', focusKeywords: [], tags: [], categories: [], sections: [{ heading: 'One', level: 2 as const, covers: '', extras: [] }] };
    await jobItem(TAB).setValue({ ...done, phase: 'outline', applied: false, canUndo: false, outline });
    await jobs.pageLoaded(TAB);
    expect(await loadJob(TAB)).toMatchObject({ phase: 'outline', outline });
  });

  it('drops a rewrite waiting for review: it was made from the old page', async () => {
    const review: JobState = {
      id: 'r', tabId: TAB, phase: 'review', startedAt: 1, updatedAt: 1, words: 0, partialBody: '', applied: false, canUndo: false, result: makePost({ words: 100 }), pageId: 'page-1',
      request: rewrite(),
    };
    await jobItem(TAB).setValue(review);
    await runner().pageLoaded(TAB);
    expect(await loadJob(TAB)).toBeNull();
  });
});

describe('the post type and the site’s house style', { timeout: JOB_BUDGET }, () => {
  const onSite = (origin: string) => fakeTab({ 'editor/context': (request) => ({ ok: true, context: { kind: 'block-editor', pageId: 'page-1', origin, siteCategories: [], current: request.includeContent ? { title: 'Old', excerpt: '', tags: [], categories: [], markdown: '## Old\n\nOld text.', kept: {} } : undefined } }) });
  beforeEach(async () => {
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS, baseURL: server.url, model: 'test-model',
      customTemplates: [{ id: 'custom-recipe', name: 'Recipe', instructions: 'Give ingredients as a list, then numbered steps.' }],
      siteVoices: [{ origin: 'https://blog.example', guidelines: 'Write for home bakers. Never say "delve".' }],
    });
  });
  const userPrompt = () => server.requests[0]!.body.messages.at(-1).content as string;

  it('reach a generation on that site: the chosen type’s instructions and the site’s guidelines', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    await runner(onSite('https://blog.example')).start(TAB, { ...generate(), template: 'custom-recipe' } as JobRequest);
    expect((await settled()).phase).toBe('done');
    expect(userPrompt()).toContain('Post type: Recipe. Give ingredients as a list, then numbered steps.');
    expect(userPrompt()).toContain('House style for this site: Write for home bakers. Never say "delve".');
  });

  it('reach the outline and every section of a long post', async () => {
    const jobs = runner(onSite('https://blog.example'));
    await jobs.start(TAB, { ...generate(), template: 'custom-recipe', plan: 'outline' });
    const planned = await settled();
    expect(planned.phase).toBe('outline');
    await jobs.start(TAB, { ...generate(), template: 'custom-recipe', plan: 'outline', outline: planned.outline! });
    expect((await settled()).phase).toBe('done');
    expect(server.requests.length).toBe(1 + planned.outline!.sections.length);
    for (const request of server.requests) {
      const prompt = request.body.messages.at(-1).content as string;
      expect(prompt).toContain('Post type: Recipe. Give ingredients as a list, then numbered steps.');
      expect(prompt).toContain('House style for this site: Write for home bakers.');
    }
  });

  it('stay on their own site, and a rewrite follows the house style too', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    await runner(onSite('https://other.example')).start(TAB, { ...generate(), template: 'how-to' } as JobRequest);
    await settled();
    expect(userPrompt()).toContain('Post type: How-to guide.');
    expect(userPrompt()).not.toContain('House style');

    server.reset();
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    await runner(onSite('https://blog.example')).start(TAB, rewrite());
    expect((await settled()).phase).toBe('review');
    expect(userPrompt()).toContain('House style for this site: Write for home bakers.');
    expect(userPrompt()).not.toContain('Post type:');
  });
});

describe('the history', { timeout: JOB_BUDGET }, () => {
  it('is written beside the fill, never holding the post back', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    // A history of megabytes takes a while to write; this one never finishes.
    const remember = vi.fn(() => new Promise<void>(() => undefined));
    await runner(fakeTab(), { remember }).start(TAB, generate());
    expect((await settled()).phase).toBe('done');
    expect(remember).toHaveBeenCalledTimes(1);
  });

  it('keeps each finished post with its topic, site and model; a failed one is not kept', async () => {
    const post = makePost({ words: 200 });
    server.enqueue({ kind: 'post', post });
    const remember = vi.fn(async () => undefined);
    const tab = fakeTab({ 'editor/context': () => ({ ok: true, context: { kind: 'block-editor', pageId: 'page-1', origin: 'https://blog.example', postId: 42, siteCategories: [] } }) });
    const jobs = runner(tab, { remember, now: () => 1_700_000_000_000 });
    await jobs.start(TAB, generate('Sourdough for beginners'));
    expect((await settled()).phase).toBe('done');
    expect(remember).toHaveBeenCalledWith(expect.objectContaining({
      kind: 'generate', topic: 'Sourdough for beginners', site: 'https://blog.example', postId: 42, model: 'test-model', at: 1_700_000_000_000, title: post.title, body: post.body,
    }));
    server.enqueue({ kind: 'error', status: 401 });
    await jobs.start(TAB, generate());
    expect((await settled()).phase).toBe('failed');
    expect(remember).toHaveBeenCalledTimes(1);
  });
});

describe('a featured image', { timeout: JOB_BUDGET }, () => {
  const image = { base64: 'iVBORw0KGgo=', mime: 'image/png' as const, fileName: 'wordpress-performance.png', alt: 'Wordpress performance' };
  const withImage = (): JobRequest => ({ ...generate(), featuredImage: true } as JobRequest);

  it('is drawn while the body is still streaming, from the fields written first, and goes to the editor with the post', async () => {
    const post = makePost({ words: 600 });
    server.enqueue({ kind: 'post', post, chunkChars: 40, delayMs: 2 });
    const tab = fakeTab();
    const draws: Array<{ subject: unknown; streamedSoFar: number; imageModel: string }> = [];
    const drawImage: JobRunnerDeps['drawImage'] = async (input) => {
      draws.push({ subject: input.subject, streamedSoFar: (await loadJob(TAB))!.words, imageModel: input.imageModel });
      return image;
    };
    await runner(tab, { drawImage }).start(TAB, withImage());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(draws).toHaveLength(1);
    expect(draws[0]!.subject).toEqual({ title: post.title, description: post.metaDescription, keyphrase: post.focusKeywords[0], language: 'English' });
    expect(draws[0]!.imageModel).toBe(DEFAULT_SETTINGS.imageModel);
    // Started long before the body was finished.
    expect(draws[0]!.streamedSoFar).toBeLessThan(300);
    expect(tab.requests.find((request) => request.type === 'editor/apply')).toMatchObject({ featuredImage: image });
  });

  it('that fails leaves the post filled and says what happened in one sentence', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    const tab = fakeTab();
    const drawImage: JobRunnerDeps['drawImage'] = async () => { throw new Error('The image model refused to draw this post’s picture.'); };
    await runner(tab, { drawImage }).start(TAB, withImage());
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.report?.image).toBe('The image model refused to draw this post’s picture.');
    expect(tab.requests.find((request) => request.type === 'editor/apply')).not.toHaveProperty('featuredImage');
  });

  it('is not drawn unless asked for', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    const drawImage = vi.fn(async () => image);
    await runner(fakeTab(), { drawImage }).start(TAB, generate());
    expect((await settled()).report?.image).toBeUndefined();
    expect(drawImage).not.toHaveBeenCalled();
  });

  it('for a rewrite of the title too, is drawn from the rewritten fields while it streams and goes in on Apply', async () => {
    const post = makePost({ words: 600 });
    server.enqueue({ kind: 'post', post, chunkChars: 40, delayMs: 2 });
    const tab = fakeTab();
    const subjects: unknown[] = [];
    const drawImage: JobRunnerDeps['drawImage'] = async (input) => { subjects.push(input.subject); return image; };
    const jobs = runner(tab, { drawImage });
    await jobs.start(TAB, rewrite({ scope: 'all', featuredImage: true }));
    expect((await settled()).phase).toBe('review');
    expect(subjects).toEqual([{ title: post.title, description: post.metaDescription, keyphrase: post.focusKeywords[0], language: 'English' }]);
    expect(tab.requests.some((request) => request.type === 'editor/apply')).toBe(false);
    await jobs.apply(TAB);
    expect(tab.requests.find((request) => request.type === 'editor/apply')).toMatchObject({ featuredImage: image, fields: { title: true } });
  });

  it('is never drawn for a body-only rewrite, whatever the request says', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    const tab = fakeTab();
    const drawImage = vi.fn(async () => image);
    const jobs = runner(tab, { drawImage });
    await jobs.start(TAB, rewrite({ scope: 'body', featuredImage: true }));
    expect((await settled()).phase).toBe('review');
    await jobs.apply(TAB);
    expect(drawImage).not.toHaveBeenCalled();
    expect(tab.requests.find((request) => request.type === 'editor/apply')).not.toHaveProperty('featuredImage');
    expect((await loadJob(TAB))!.report?.image).toBeUndefined();
  });

  it('still being drawn when the post is written can be skipped: the post goes in without it', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 200 }) });
    const tab = fakeTab();
    const drawImage: JobRunnerDeps['drawImage'] = (input) => new Promise((_, reject) => input.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const jobs = runner(tab, { drawImage });
    await jobs.start(TAB, withImage());
    await vi.waitFor(async () => { if (!(await loadJob(TAB))?.imagePending) throw new Error('not waiting for the image yet'); }, { timeout: 10_000, interval: 20 });
    await jobs.cancel(TAB);
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(job.imagePending).toBe(false);
    expect(job.report?.image).toBe('The featured image was cancelled with the job.');
  });
});

/** What the test server reports for its streamed answers: every request's tokens, summed. */
function expectedUsage(requests: OpenAITestServer['requests']) {
  return requests.reduce((sum, request) => {
    const prompt = testTokenCount(request.body.messages.map((message: { content: string }) => message.content).join(''));
    // `sent` counts the answer's code points, as testTokenCount does.
    const answer = Math.ceil((request.sent.at(-1)?.chars ?? 0) / 4);
    return { inputTokens: sum.inputTokens + prompt, outputTokens: sum.outputTokens + answer };
  }, { inputTokens: 0, outputTokens: 0 });
}

describe('a long post from an outline the blogger shapes', { timeout: JOB_BUDGET }, () => {
  const outlined = (outline?: Outline): Extract<JobRequest, { mode: 'generate' }> => ({ ...generate('Baking sourdough at home'), plan: 'outline', options: { tone: 'informative', length: 'long', language: 'English' }, ...(outline ? { outline } : {}) });
  const sectionRequests = () => server.requests.filter(isSectionRequest).map((request) => sectionHeading(request)?.heading);
  /** The planned outline, as the popup shows it. */
  async function plan(jobs: ReturnType<typeof runner>): Promise<Outline> {
    await jobs.start(TAB, outlined());
    const job = await settled();
    expect(job.phase).toBe('outline');
    return job.outline!;
  }

  it('plans first and writes nothing until the blogger says Write', async () => {
    const tab = fakeTab();
    const outline = await plan(runner(tab));
    expect(outline.sections.length).toBeGreaterThanOrEqual(3);
    expect(server.requests).toHaveLength(1);
    expect(isOutlineRequest(server.requests[0]!)).toBe(true);
    expect(server.requests[0]!.body.response_format.json_schema.name).toBe('post_outline');
    expect(tab.requests.map((request) => request.type)).toEqual(['editor/context']);
  });

  it('writes exactly the edited sections in that order, one request each, streamed in and applied as one step', async () => {
    const tab = fakeTab();
    const jobs = runner(tab);
    const planned = await plan(jobs);
    // Reordered, one deleted, one added.
    const sections = [planned.sections[3]!, planned.sections[0]!, { heading: 'Troubleshooting a flat loaf', level: 2 as const, covers: 'Why loaves spread and how to fix it', extras: [] }];
    server.reset();
    await jobs.start(TAB, outlined({ ...planned, title: 'My sourdough guide', sections }));
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(sectionRequests()).toEqual(sections.map((section) => section.heading));
    const apply = tab.requests.find((request): request is Extract<ContentRequest, { type: 'editor/apply' }> => request.type === 'editor/apply')!;
    const headings = [...apply.post.body.matchAll(/^##+ (.+)$/gm)].map((match) => match[1]);
    expect(headings.filter((heading) => sections.some((section) => section.heading === heading))).toEqual(sections.map((section) => section.heading));
    expect(apply.post.title).toBe('My sourdough guide');
    expect(apply.streamId).toBe(job.id);
    expect(tab.requests.filter((request) => request.type === 'editor/stream').length).toBeGreaterThan(1);
    // Each section request carries the outline and what was written before it.
    const last = JSON.stringify(server.requests.at(-1)!.body.messages);
    expect(last).toContain(sections[0]!.heading);
    expect(last).toContain('<written>');
  });

  it('adds up the tokens every request used, as the server reports them in the stream', async () => {
    const remember = vi.fn(async () => undefined);
    const jobs = runner(fakeTab(), { remember });
    const planned = await plan(jobs);
    await jobs.start(TAB, outlined(planned));
    const job = await settled();
    const used = server.requests.filter((request) => request.body?.stream_options?.include_usage);
    expect(used).toHaveLength(server.requests.length);
    expect(job.usage?.outputTokens).toBeGreaterThan(0);
    expect(remember).toHaveBeenCalledWith(expect.objectContaining({ usage: job.usage }));
    // The plan's tokens count too: they were spent on the way to this post.
    expect(job.usage).toEqual(expectedUsage(server.requests));
  });

  it('retries a section cut mid-way alone, keeping the ones written', async () => {
    const jobs = runner(fakeTab());
    const planned = await plan(jobs);
    const second = planned.sections[1]!.heading;
    let cuts = 0;
    server.reset();
    server.respondWith((request) => (isSectionRequest(request) && sectionHeading(request)?.heading === second && cuts++ === 0 ? { kind: 'text', text: `## ${second}\n\nHalf a paragraph that breaks off and`, cutAfterChars: 30 } : undefined));
    await jobs.start(TAB, outlined(planned));
    const job = await settled();
    expect(job.phase).toBe('done');
    const asked = sectionRequests();
    expect(asked.filter((heading) => heading === second)).toHaveLength(2);
    expect(asked.filter((heading) => heading !== second)).toEqual(planned.sections.map((section) => section.heading).filter((heading) => heading !== second));
  });

  it('a section that keeps failing stops the job with the finished sections kept; Retry goes on from it', async () => {
    const tab = fakeTab();
    const jobs = runner(tab);
    const planned = await plan(jobs);
    const third = planned.sections[2]!.heading;
    let failing = true;
    server.respondWith((request) => (failing && isSectionRequest(request) && sectionHeading(request)?.heading === third ? { kind: 'text', text: `## ${third}\n\nBreaks off`, cutAfterChars: 12 } : undefined));
    await jobs.start(TAB, outlined(planned));
    const failed = await settled();
    expect(failed.phase).toBe('failed');
    expect(failed.error?.code).toBe('cut');
    expect(failed.sections?.map((section) => section.heading)).toEqual(planned.sections.slice(0, 2).map((section) => section.heading));
    expect(failed.partialBody).toContain(failed.sections![1]!.markdown);
    // The editor got its post back; nothing was applied.
    expect(tab.requests.at(-1)?.type).toBe('editor/stream-end');
    failing = false;
    server.reset();
    await jobs.resume(TAB);
    const done = await settled();
    expect(done.phase).toBe('done');
    expect(sectionRequests()).toEqual(planned.sections.slice(2).map((section) => section.heading));
    expect(done.result!.body.startsWith(failed.sections!.map((section) => section.markdown).join('\n\n'))).toBe(true);
  });

  it('asks again, once, for a section written in another language than asked', async () => {
    const jobs = runner(fakeTab());
    const planned = await plan(jobs);
    const first = planned.sections[0]!.heading;
    const german = `## ${first}\n\nDas ist ein Abschnitt, der nicht auf Englisch geschrieben wurde. Die Sprache ist Deutsch und nicht die, die der Blogger wollte. Es ist nicht gut, wenn das so bleibt, und wir müssen es ändern.`;
    let answered = 0;
    server.respondWith((request) => (isSectionRequest(request) && sectionHeading(request)?.heading === first && answered++ === 0 ? { kind: 'text', text: german } : undefined));
    await jobs.start(TAB, outlined({ ...planned, sections: planned.sections.slice(0, 1) }));
    const job = await settled();
    expect(job.phase).toBe('done');
    const again = server.requests.filter(isSectionRequest).at(-1)!.body.messages;
    expect(again.at(-1).content).toMatch(/not written in English/);
    expect(job.result!.body).not.toContain('Deutsch');
  });

  it('fixes the planned fields before the blogger sees them, so the written post needs no follow-up', async () => {
    const jobs = runner(fakeTab());
    server.respondWith((request) => (isOutlineRequest(request) ? { kind: 'text', text: outlineAsJson({ ...makeOutline('Sourdough'), tags: ['Bread', 'Baking'], categories: ['Cooking'] }) } : undefined));
    server.enqueue({ kind: 'text', text: JSON.stringify({ tags: ['Bread', 'Baking', 'Starter'], categories: ['Performance'] }) });
    const planned = await plan(jobs);
    // The site's category comes first; one it lacks is skipped by the editor, as for any post.
    expect(planned).toMatchObject({ tags: ['Bread', 'Baking', 'Starter'], categories: ['Performance', 'Cooking'] });
    expect(server.requests).toHaveLength(2);
    server.reset();
    await jobs.start(TAB, outlined(planned));
    const job = await settled();
    expect(job.result).toMatchObject({ tags: ['Bread', 'Baking', 'Starter'], categories: ['Performance', 'Cooking'] });
    expect(server.requests.every(isSectionRequest)).toBe(true);
  });

  it('keeps the blogger’s edits with an outline waiting to be written, and only then', async () => {
    const jobs = runner(fakeTab());
    const planned = await plan(jobs);
    const edited = { ...planned, title: 'My own title', sections: planned.sections.slice(0, 2) };
    await jobs.keepOutline(TAB, edited);
    expect((await loadJob(TAB))!.outline).toEqual(edited);
    await jobs.start(TAB, outlined(edited));
    await settled();
    await jobs.keepOutline(TAB, planned);
    expect((await loadJob(TAB))!.phase).toBe('done');
    // A job being written or done is not an outline to edit any more.
    expect((await loadJob(TAB))!.outline).toBeUndefined();
  });

  it('Write it all at once drops the outline and writes one answer', async () => {
    server.enqueue({ kind: 'post', post: makePost({ words: 300 }) });
    const jobs = runner(fakeTab());
    await jobs.start(TAB, { ...outlined(), plan: 'at-once' });
    const job = await settled();
    expect(job.phase).toBe('done');
    expect(server.requests.filter((request) => isOutlineRequest(request) || isSectionRequest(request))).toHaveLength(0);
  });
});

describe('a post written in another language than asked', { timeout: JOB_BUDGET }, () => {
  it('is caught by a cheap check and asked for again in the right language', async () => {
    const german = { ...makePost({ words: 10 }), body: Array.from({ length: 30 }, () => 'Das ist der Text und er ist nicht auf Englisch, sondern auf Deutsch geschrieben.').join(' ') };
    const english = makePost({ words: 200 });
    server.enqueue({ kind: 'post', post: german }, { kind: 'post', post: english });
    await runner().start(TAB, generate());
    const job = await settled();
    expect(job.result?.body).toBe(english.body);
    expect(server.requests[1]!.body.messages.at(-1).content).toMatch(/not written in English/);
  });
});

describe('a post from the history', { timeout: JOB_BUDGET }, () => {
  it('goes into the open editor as one undo step, without asking the model', async () => {
    const entry: HistoryEntry = { id: 'past-1', kind: 'generate', at: 1, topic: 'Sourdough', site: 'https://blog.example', title: 'Sourdough, simply', metaDescription: 'Bake it.', tags: ['bread'], categories: ['Baking'], body: '## Start\n\nFeed the starter.', model: 'test-model' };
    const tab = fakeTab();
    await runner(tab, { loadHistory: async () => [entry] }).putBack(TAB, 'past-1');
    const job = await loadJob(TAB);
    expect(job?.phase).toBe('done');
    expect(job?.canUndo).toBe(true);
    expect(tab.requests.find((request) => request.type === 'editor/apply')).toMatchObject({ post: { title: entry.title, body: entry.body, tags: ['bread'] }, bodyMode: 'replace' });
    expect(server.requests).toHaveLength(0);
    await expect(runner(tab, { loadHistory: async () => [] }).putBack(TAB, 'past-1')).rejects.toThrow(/no longer in the history/);
  });
});
