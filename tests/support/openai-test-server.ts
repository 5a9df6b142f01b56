/**
 * A local OpenAI-compatible server that the official `openai` SDK talks to unchanged: /models,
 * Chat Completions and Responses, streamed as real SSE, with switchable faults (error statuses,
 * a stream cut mid-way, a stalled stream, invalid output, servers that reject JSON schemas).
 * Tests script it in-process; it answers over real HTTP on loopback, CORS like OpenAI's.
 * Images too: /images/generations draws a real PNG, and featured-image prompt requests are answered at once.
 * Long posts too: outline and section requests get a fitting default answer without any scripting.
 * Streams report token usage as OpenAI does, counted by testTokenCount.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { IMAGE_PROMPT_SYSTEM } from '../../lib/generation/featured-image';
import type { Outline } from '../../lib/generation/outline';

export interface Post { title: string; metaDescription: string; /** Left out, the answer is the seed's own format, which has neither. */
  seoTitle?: string; focusKeywords?: string[]; tags: string[]; categories: string[]; body: string }

export type Reply =
  | { kind: 'post'; post: Post; format?: 'auto' | 'json' | 'lines'; chunkChars?: number; delayMs?: number; cutAfterChars?: number; stallAfterChars?: number }
  | { kind: 'text'; text: string; chunkChars?: number; delayMs?: number; cutAfterChars?: number; stallAfterChars?: number }
  | { kind: 'error'; status: number; message?: string; type?: string; code?: string; headers?: Record<string, string> }
  | { kind: 'reject-json-schema' };

/** Scripts /images/generations, apart from the chat queue: a job asks for both at once. */
export type ImageReply =
  | { kind: 'image'; delayMs?: number }
  | { kind: 'error'; status: number; message?: string; code?: string }
  | { kind: 'url-only' }
  | { kind: 'not-an-image' };

export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: any;
  receivedAt: number;
  /** Resolves when the exchange ends; clientAborted when the client hung up before the server finished. */
  done: Promise<{ clientAborted: boolean }>;
  clientAborted?: boolean;
  /** When each piece of a streamed answer was written, and how many characters had gone by then. */
  sent: Array<{ at: number; chars: number }>;
}

export interface OpenAITestServer {
  url: string;
  origin: string;
  requests: RecordedRequest[];
  enqueue(...replies: Reply[]): void;
  /** Image answers, in order; when none are left, the PNG. */
  enqueueImage(...replies: ImageReply[]): void;
  setDefault(reply: Reply): void;
  respondWith(handler: ((request: RecordedRequest) => Reply | undefined) | null): void;
  waitForRequest(predicate?: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Cuts every stalled stream now, as a dropped connection would; says how many it cut. */
  cutStalled(): number;
  reset(): void;
  close(): Promise<void>;
}

// ---- Post text ----------------------------------------------------------------------------------

export function postAsJson(post: Post): string {
  return JSON.stringify(post);
}

/** The seed's line format (seeds/000), EndOFText included. */
export function postAsLines(post: Post): string {
  return [
    `TITLE: ${post.title}`,
    `META_DESCRIPTION: ${post.metaDescription}`,
    ...(post.seoTitle !== undefined ? [`SEO_TITLE: ${post.seoTitle}`] : []),
    ...(post.focusKeywords ? [`FOCUS_KEYWORDS: ${post.focusKeywords.join(', ')}`] : []),
    `TAGS: ${post.tags.join(', ')}`,
    `CATEGORIES: ${post.categories.join(', ')}`,
    '',
    post.body,
    '',
    'EndOFText',
  ].join('\n');
}

const SENTENCES = [
  'Caching stores the result of expensive work so the next visitor gets it instantly.',
  'A slow page costs readers, and search engines notice how long your pages take to load.',
  'Measure first, then change one thing at a time, and measure again before moving on.',
  'Most of the weight of a typical page is images, so resizing them pays off quickly.',
  'A lean theme and a short list of well-kept plugins keep the server’s work small.',
  'Object caching keeps database answers in memory between requests on busy sites.',
  'A content delivery network serves static files from a location near each reader.',
  'Lazy loading defers images below the fold until the reader scrolls toward them.',
];

/** A realistic, deterministic long Markdown post with every structure the editors must keep. */
export function makePost(options: { words?: number; title?: string; topic?: string } = {}): Required<Post> {
  const words = options.words ?? 600;
  const topic = options.topic ?? 'WordPress performance';
  const title = options.title ?? `The Complete Guide to ${topic}`;
  const sections: string[] = [
    `An introduction to ${topic}: what it is, why it matters, and how to get it right. ${SENTENCES[0]} ${SENTENCES[1]}`,
    '## Why speed matters',
    `${SENTENCES[1]} Read the **numbers** before you _change_ anything, and see [the web.dev guide](https://web.dev/fast/) for details.`,
    ['- Visitors leave slow pages', '- Search engines rank fast pages higher', '- Servers cost less when they work less'].join('\n'),
    '## Setting up a cache',
    '### Page caching',
    ['1. Install a caching plugin', '2. Turn on page caching', '3. Purge the cache after each change'].join('\n'),
    ['```php', "define( 'WP_CACHE', true );", "add_action( 'init', function () {", "    wp_cache_set( 'greeting', 'hello' );", '} );', '```'].join('\n'),
    '## Comparing the options',
    ['| Method | Speed-up | Effort |', '| --- | --- | --- |', '| Page cache | High | Low |', '| Object cache | Medium | Medium |', '| CDN | High | Medium |'].join('\n'),
    '> Premature optimization is the root of all evil, but a slow site is no better.',
  ];
  let count = sections.join(' ').split(/\s+/).length;
  for (let section = 0; count < words; section++) {
    sections.push(`## Going further, part ${section + 1}`);
    const paragraph = Array.from({ length: 4 }, (_, index) => SENTENCES[(section + index) % SENTENCES.length]).join(' ');
    sections.push(paragraph);
    count += paragraph.split(/\s+/).length + 4;
  }
  sections.push('## Conclusion', `${SENTENCES[2]} ${SENTENCES[4]}`);
  return {
    title,
    metaDescription: `Everything about ${topic}: caching, images and a lean theme, step by step.`.slice(0, 160),
    seoTitle: `${topic}: a Step-by-Step Guide`.slice(0, 60),
    focusKeywords: [topic.toLowerCase(), 'page speed', 'wordpress caching'],
    tags: ['WordPress', 'Performance', 'Caching'],
    categories: ['Tutorials'],
    body: sections.join('\n\n'),
  };
}

// ---- Requests and tokens ------------------------------------------------------------------------

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  // Content parts: { type: 'text' | 'input_text', text }.
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

/** A request's messages, either API's: Chat's `messages`, or the Responses API's `instructions` and `input`. */
function requestMessages(body: any): Array<{ role: string; content: string }> {
  const toMessage = (message: any) => ({ role: String(message?.role), content: contentText(message?.content) });
  if (Array.isArray(body?.messages)) return body.messages.map(toMessage);
  const system = typeof body?.instructions === 'string' ? [{ role: 'system', content: body.instructions }] : [];
  if (typeof body?.input === 'string') return [...system, { role: 'user', content: body.input }];
  return [...system, ...(Array.isArray(body?.input) ? body.input.map(toMessage) : [])];
}

const systemText = (body: any) => requestMessages(body).find((message) => message.role === 'system' || message.role === 'developer')?.content ?? '';
const userText = (body: any) => requestMessages(body).filter((message) => message.role === 'user').map((message) => message.content).join('\n\n');

/** The token count the server reports: a quarter of the characters (code points), rounded up. */
export function testTokenCount(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}

function answerUsage(request: Pick<RecordedRequest, 'body'>, answer: string): { input: number; output: number } {
  return { input: testTokenCount(requestMessages(request.body).map((message) => message.content).join('')), output: testTokenCount(answer) };
}

// ---- Long-form posts: outline and sections ----------------------------------------------------

/** A deterministic 5-section outline: four H2s, an H3 under the second, one section with a table. */
export function makeOutline(topic: string, categories: string[] = ['Guides']): Outline {
  // Headings have a length limit, the topic none.
  const subject = Array.from(topic).slice(0, 80).join('').trim();
  return {
    title: `The Complete Guide to ${topic}`,
    metaDescription: `Everything about ${subject}: what it is, how to start, the tools and the usual mistakes.`.slice(0, 160),
    seoTitle: `${subject}: a Complete Guide`.slice(0, 60),
    focusKeywords: [subject.toLowerCase(), `${subject.toLowerCase()} guide`],
    tags: [subject, 'Guide', 'Getting started'],
    categories,
    sections: [
      { heading: `What ${subject} is`, level: 2, covers: `The basics of ${subject} and why it matters.`, extras: [] },
      { heading: `Getting started with ${subject}`, level: 2, covers: 'The first steps, in order.', extras: [] },
      { heading: `Tools for ${subject}`, level: 3, covers: 'The tools worth having, compared.', extras: ['table'] },
      { heading: `Common mistakes with ${subject}`, level: 2, covers: 'What goes wrong and how to avoid it.', extras: [] },
      { heading: `Next steps with ${subject}`, level: 2, covers: 'Where to go from here.', extras: [] },
    ],
  };
}

export function outlineAsJson(outline: Outline): string {
  return JSON.stringify(outline);
}

/** The outline's line format (buildOutlineMessages's LINE_FORMAT), EndOFText included. */
export function outlineAsLines(outline: Outline): string {
  return [
    `TITLE: ${outline.title}`,
    `META_DESCRIPTION: ${outline.metaDescription}`,
    `SEO_TITLE: ${outline.seoTitle}`,
    `FOCUS_KEYWORDS: ${outline.focusKeywords.join(', ')}`,
    `TAGS: ${outline.tags.join(', ')}`,
    `CATEGORIES: ${outline.categories.join(', ')}`,
    '',
    ...outline.sections.map((section) => `${'#'.repeat(section.level)} ${section.heading} | ${section.covers} | ${section.extras.join(', ')}`),
    '',
    'EndOFText',
  ].join('\n');
}

/** A request to plan a long post: by its schema's name, or without one by buildOutlineMessages's wording. */
export function isOutlineRequest(request: Pick<RecordedRequest, 'body'>): boolean {
  const body = request.body;
  const schemaName = body?.response_format?.json_schema?.name ?? body?.text?.format?.name;
  return schemaName === 'post_outline' || (schemaName === undefined && userText(body).includes('Do not write the post itself.'));
}

const SECTION_SYSTEM_START = 'You are a content generator for a blog. You write one section at a time';

/** A request for one section of a long post, told apart by buildSectionMessages's system message. */
export function isSectionRequest(request: Pick<RecordedRequest, 'body'>): boolean {
  return systemText(request.body).startsWith(SECTION_SYSTEM_START);
}

/** The section a section request asks for, as buildSectionMessages words it: its heading and level (2 for ##, 3 for ###). */
export function sectionHeading(request: Pick<RecordedRequest, 'body'>): { heading: string; level: number } | undefined {
  const prompt = userText(request.body);
  // Lazy: the covers text after the heading may hold quotes of its own.
  const heading = /Write now the section "(.*?)"(?:, which covers: |\.$)/m.exec(prompt)?.[1];
  const level = /starting with its heading line "(#{1,6}) /.exec(prompt)?.[1]?.length;
  return heading === undefined ? undefined : { heading, level: level ?? 2 };
}

function outlineAnswer(body: any, json: boolean): string {
  const prompt = userText(body);
  const topic = /Plan a blog post about this topic: (.*)/.exec(prompt)?.[1]?.trim() || 'your topic';
  // The site's categories, as JSON strings after "chosen from: ".
  const list = /chosen from: ((?:"(?:[^"\\]|\\.)*"(?:, )?)+)/.exec(prompt)?.[1];
  const choices = list ? [...list.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((match) => JSON.parse(match[0]) as string) : [];
  const outline = makeOutline(topic, choices.length ? [choices[0]!] : undefined);
  return json ? outlineAsJson(outline) : outlineAsLines(outline);
}

// Openers that name the heading, so each section's prose is its own.
const SECTION_OPENERS = [
  (heading: string) => `This part is about ${heading.toLowerCase()}.`,
  (heading: string) => `Looking closer at ${heading.toLowerCase()}, the details matter.`,
  (heading: string) => `To wrap up ${heading.toLowerCase()}, keep the essentials in mind.`,
];

// Topic-neutral, since a section may be about anything.
const SECTION_SENTENCES = [
  'Start small, check the result, and only then take the next step.',
  'A short checklist keeps the work steady and easy to repeat.',
  'Most problems come from skipping the basics, so it pays to get them right first.',
  'Good notes make it easy to see later what changed and why.',
  'Readers remember a concrete example far longer than general advice.',
  'An hour spent planning often saves a day of fixing things afterwards.',
  'Every choice has a cost, so weigh it against what it brings.',
  'When in doubt, ask someone who has done it before and learn from their mistakes.',
];

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Three paragraphs of about `words` words, the filler sentences picked by the heading. */
function sectionProse(heading: string, words: number): string[] {
  const paragraphs = SECTION_OPENERS.map((opener) => [opener(heading)]);
  let count = paragraphs.reduce((sum, [opener]) => sum + wordCount(opener!), 0);
  const start = Array.from(heading).reduce((sum, character) => sum + character.codePointAt(0)!, 0);
  for (let index = 0; count < words; index++) {
    const sentence = SECTION_SENTENCES[(start + index) % SECTION_SENTENCES.length]!;
    paragraphs[index % paragraphs.length]!.push(sentence);
    count += wordCount(sentence);
  }
  return paragraphs.map((sentences) => sentences.join(' '));
}

function sectionAnswer(body: any): string {
  const prompt = userText(body);
  const { heading, level } = sectionHeading({ body }) ?? { heading: 'Section', level: 2 };
  const words = Math.min(Number(/Length: about (\d+) words\./.exec(prompt)?.[1] ?? 150), 150);
  const table = /Include where it helps:[^\n]*\ba table\b/.test(prompt)
    ? [[`| ${heading.replace(/\|/g, '/')} | Effort | Pay-off |`, '| --- | --- | --- |', '| First step | Low | High |', '| Next step | Medium | Medium |'].join('\n')]
    : [];
  return [`${'#'.repeat(level)} ${heading}`, ...sectionProse(heading, words), ...table].join('\n\n');
}

/** The default answer to an outline or section request, in the format asked for; undefined for any other. */
function longFormAnswer(request: RecordedRequest, schema: boolean): string | undefined {
  if (isOutlineRequest(request)) return outlineAnswer(request.body, schema || userText(request.body).includes('Answer with one JSON object'));
  if (isSectionRequest(request)) return sectionAnswer(request.body);
  return undefined;
}

// ---- Images -------------------------------------------------------------------------------------

/** What every featured-image prompt request is answered with. */
export const TEST_IMAGE_PROMPT = 'A wide photograph of a tidy server room in soft morning light, seen from a low angle.';

/** A request for a featured image's prompt (the chat model writing it), told apart by its system message. */
export function isImagePromptRequest(request: Pick<RecordedRequest, 'body'>): boolean {
  const first = request.body?.messages?.[0];
  return (first?.role === 'system' || first?.role === 'developer') && first.content === IMAGE_PROMPT_SYSTEM;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real RGB PNG with a gradient, so WordPress's GD can read it and cut thumbnails. */
function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // each row starts with filter type 0 (none), already zero
    for (let x = 0; x < width; x++) rows.set([Math.round((x / (width - 1)) * 255), Math.round((y / (height - 1)) * 255), 160], row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

const TEST_PNG = makePng(96, 64).toString('base64');

// ---- Server ---------------------------------------------------------------------------------

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '600',
};

function wantsJsonSchema(path: string, body: any): boolean {
  if (path.endsWith('/responses')) return body?.text?.format?.type === 'json_schema';
  return body?.response_format?.type === 'json_schema';
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS, 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

function sendError(res: ServerResponse, status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

const ERROR_DEFAULTS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Bad request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to use this model.', type: 'invalid_request_error', code: 'model_not_allowed' },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: { message: 'Rate limit reached for requests.', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request.', type: 'server_error', code: null },
};

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  // Split by code points so emoji and CJK are never cut in half.
  const points = Array.from(text);
  for (let index = 0; index < points.length; index += size) parts.push(points.slice(index, index + size).join(''));
  return parts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a streamed answer writes, in either API's events: its opening, each piece, and its end with the usage. */
interface StreamEvents { start(): void; delta(part: string): void; finish(text: string): void }

function writeEvent(res: ServerResponse, event: string | null, data: unknown): void {
  res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
}

function chatEvents(res: ServerResponse, request: RecordedRequest): StreamEvents {
  const head = { id: `chatcmpl-${request.id}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: request.body?.model ?? 'test-model' };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => writeEvent(res, null, {
    ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  return {
    start: () => chunk({ role: 'assistant', content: '' }),
    delta: (part) => chunk({ content: part }),
    finish(text) {
      chunk({}, 'stop');
      // As OpenAI does: only when asked, in a chunk of its own with no choices, after the finish.
      if (request.body?.stream_options?.include_usage === true) {
        const usage = answerUsage(request, text);
        writeEvent(res, null, { ...head, choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } });
      }
      res.write('data: [DONE]\n\n');
    },
  };
}

function responsesEvents(res: ServerResponse, request: RecordedRequest): StreamEvents {
  const created = Math.floor(Date.now() / 1000);
  const response = (status: string, output: unknown[] = []) => ({
    id: `resp-${request.id}`, object: 'response', created_at: created, status, model: request.body?.model ?? 'test-model', output, error: null, incomplete_details: null,
  });
  const item = { id: `msg-${request.id}`, type: 'message', status: 'in_progress', role: 'assistant', content: [] as unknown[] };
  const at = { item_id: item.id, output_index: 0, content_index: 0 };
  let sequence = 0;
  const event = (type: string, data: Record<string, unknown>) => writeEvent(res, type, { type, sequence_number: sequence++, ...data });
  return {
    start() {
      event('response.created', { response: response('in_progress') });
      event('response.output_item.added', { output_index: 0, item });
      event('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } });
    },
    delta: (part) => event('response.output_text.delta', { ...at, delta: part, logprobs: [] }),
    finish(text) {
      const done = { ...item, status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
      const usage = answerUsage(request, text);
      event('response.output_text.done', { ...at, text, logprobs: [] });
      event('response.output_item.done', { output_index: 0, item: done });
      event('response.completed', {
        response: { ...response('completed', [done]), output_text: text, usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output } },
      });
    },
  };
}

export async function startOpenAITestServer(options: { port?: number; host?: string; models?: string[]; apiKey?: string } = {}): Promise<OpenAITestServer> {
  const models = options.models ?? ['gpt-4o-mini', 'test-model'];
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ predicate: (request: RecordedRequest) => boolean; resolve: (request: RecordedRequest) => void }> = [];
  const sockets = new Set<Socket>();
  let queue: Reply[] = [];
  let imageQueue: ImageReply[] = [];
  let handler: ((request: RecordedRequest) => Reply | undefined) | null = null;
  const initialDefault: Extract<Reply, { kind: 'post' }> = { kind: 'post', post: makePost() };
  let fallback: Reply = initialDefault;
  let nextId = 1;
  const cutByServer = new WeakSet<ServerResponse>();
  const stalled = new Set<ServerResponse>();
  const cut = (res: ServerResponse) => {
    cutByServer.add(res);
    res.socket?.end();
  };

  function nextReply(request: RecordedRequest): Reply {
    return handler?.(request) ?? queue.shift() ?? fallback;
  }

  async function stream(res: ServerResponse, request: RecordedRequest, text: string, reply: Extract<Reply, { kind: 'post' | 'text' }>): Promise<void> {
    const { cutAfterChars: cutAfter, stallAfterChars: stallAfter } = reply;
    res.writeHead(200, { ...CORS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const events = request.path.endsWith('/responses') ? responsesEvents(res, request) : chatEvents(res, request);
    events.start();
    let sent = 0;
    for (const piece of chunks(text, reply.chunkChars ?? 40)) {
      if (res.destroyed) return;
      let part = piece;
      const limit = cutAfter ?? stallAfter;
      if (limit !== undefined && sent + Array.from(part).length > limit) part = Array.from(part).slice(0, Math.max(0, limit - sent)).join('');
      if (part) {
        events.delta(part);
        sent += Array.from(part).length;
        request.sent.push({ at: Date.now(), chars: sent });
      }
      if (cutAfter !== undefined && sent >= cutAfter) {
        // A stream cut mid-way: the connection closes without the final chunk (what was sent arrives).
        await sleep(5);
        cut(res);
        return;
      }
      if (stallAfter !== undefined && sent >= stallAfter) {
        stalled.add(res); // the connection stays open and nothing more is sent, until cutStalled()
        res.on('close', () => stalled.delete(res));
        return;
      }
      if (reply.delayMs) await sleep(reply.delayMs);
    }
    events.finish(text);
    res.end();
  }

  function complete(res: ServerResponse, request: RecordedRequest, text: string): void {
    const model = request.body?.model ?? 'test-model';
    const usage = answerUsage(request, text);
    if (request.path.endsWith('/responses')) {
      sendJson(res, 200, {
        id: `resp-${request.id}`, object: 'response', created_at: Math.floor(Date.now() / 1000), status: 'completed', model, error: null, incomplete_details: null,
        output: [{ id: `msg-${request.id}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
        usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output },
      });
    } else {
      sendJson(res, 200, {
        id: `chatcmpl-${request.id}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
      });
    }
  }

  async function answerGeneration(res: ServerResponse, request: RecordedRequest): Promise<void> {
    const body = request.body ?? {};
    if (typeof body.model !== 'string' || !models.includes(body.model)) {
      return sendError(res, 404, `The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    }
    if (isImagePromptRequest(request)) {
      // Never from the queue: tests that script a post need not know an image prompt is asked too.
      if (body.stream) return stream(res, request, TEST_IMAGE_PROMPT, { kind: 'text', text: TEST_IMAGE_PROMPT });
      return complete(res, request, TEST_IMAGE_PROMPT);
    }
    const scripted = handler?.(request);
    const schema = wantsJsonSchema(request.path, body);
    // Outline and section requests never take from the queue: tests that script a post need not know a long post is planned.
    const longForm = scripted ? undefined : longFormAnswer(request, schema);
    if (longForm !== undefined) {
      if (body.stream) return stream(res, request, longForm, { kind: 'text', text: longForm });
      return complete(res, request, longForm);
    }
    let picked = scripted ?? queue.shift() ?? fallback;
    if (picked.kind === 'reject-json-schema') {
      if (schema) return sendError(res, 400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'invalid_request_error', null);
      picked = nextReply(request);
    }
    const reply = picked.kind === 'reject-json-schema' ? initialDefault : picked;
    if (reply.kind === 'error') {
      const defaults = ERROR_DEFAULTS[reply.status] ?? { message: `Error ${reply.status}.`, type: 'server_error', code: null };
      return sendError(res, reply.status, reply.message ?? defaults.message, reply.type ?? defaults.type, reply.code ?? defaults.code, reply.headers);
    }
    const text = reply.kind === 'text' ? reply.text
      : (reply.format === 'json' || (reply.format !== 'lines' && schema)) ? postAsJson(reply.post) : postAsLines(reply.post);
    if (body.stream) await stream(res, request, text, reply);
    else complete(res, request, text);
  }

  async function answerImage(res: ServerResponse, request: RecordedRequest): Promise<void> {
    const body = request.body ?? {};
    if (typeof body.model !== 'string' || typeof body.prompt !== 'string' || !body.prompt) {
      return sendError(res, 400, 'An image request needs a model and a prompt.', 'invalid_request_error', 'invalid_value');
    }
    const reply = imageQueue.shift() ?? { kind: 'image' };
    if (reply.kind === 'error') {
      const defaults = ERROR_DEFAULTS[reply.status] ?? { message: `Error ${reply.status}.`, type: 'server_error', code: null };
      return sendError(res, reply.status, reply.message ?? defaults.message, defaults.type, reply.code ?? defaults.code);
    }
    if (reply.kind === 'image' && reply.delayMs) {
      // Ends early when the client hangs up, so an aborted test leaves no timer behind.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reply.delayMs);
        res.on('close', () => { clearTimeout(timer); resolve(); });
      });
      if (res.destroyed) return;
    }
    const image = reply.kind === 'url-only' ? { url: 'https://images.example.invalid/featured.png' }
      : { b64_json: reply.kind === 'not-an-image' ? Buffer.from('<html><body>Not an image</body></html>').toString('base64') : TEST_PNG };
    sendJson(res, 200, { created: Math.floor(Date.now() / 1000), data: [image] });
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*' });
      return res.end();
    }
    const chunksIn: Buffer[] = [];
    for await (const chunk of req) chunksIn.push(chunk as Buffer);
    const raw = Buffer.concat(chunksIn).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    let resolveDone!: (value: { clientAborted: boolean }) => void;
    const request: RecordedRequest = {
      id: nextId++,
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)])),
      body: raw ? (() => { try { return JSON.parse(raw); } catch { return raw; } })() : undefined,
      receivedAt: Date.now(),
      sent: [],
      done: new Promise((resolve) => { resolveDone = resolve; }),
    };
    res.on('close', () => {
      request.clientAborted = !res.writableFinished && !cutByServer.has(res);
      resolveDone({ clientAborted: request.clientAborted });
    });
    requests.push(request);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(request)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
    }

    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
    }
    const path = url.pathname.replace(/^\/v1/, '');
    if (req.method === 'GET' && path === '/models') {
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'presspilot-tests' })) });
    }
    const model = /^\/models\/(.+)$/.exec(path);
    if (req.method === 'GET' && model) {
      const id = decodeURIComponent(model[1]!);
      if (!models.includes(id)) return sendError(res, 404, `The model \`${id}\` does not exist.`, 'invalid_request_error', 'model_not_found');
      return sendJson(res, 200, { id, object: 'model', created: 1_700_000_000, owned_by: 'presspilot-tests' });
    }
    if (req.method === 'POST' && (path === '/chat/completions' || path === '/responses')) return answerGeneration(res, request);
    if (req.method === 'POST' && path === '/images/generations') return answerImage(res, request);
    sendError(res, 404, `Unknown path ${url.pathname}.`, 'invalid_request_error', 'unknown_url');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    requests,
    enqueue: (...replies) => { queue.push(...replies); },
    enqueueImage: (...replies) => { imageQueue.push(...replies); },
    setDefault: (reply) => { fallback = reply; },
    cutStalled() {
      const count = stalled.size;
      for (const res of stalled) cut(res);
      stalled.clear();
      return count;
    },
    respondWith: (next) => { handler = next; },
    waitForRequest(predicate = () => true, timeoutMs = 30_000) {
      const existing = requests.find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (request: RecordedRequest) => { clearTimeout(timer); resolve(request); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('The test server saw no such request in time.'));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    reset() {
      queue = [];
      imageQueue = [];
      handler = null;
      fallback = initialDefault;
      requests.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// CLI: tsx tests/support/openai-test-server.ts [--port N]
if (import.meta.url === `file://${process.argv[1]}`) {
  const portFlag = process.argv.indexOf('--port');
  const server = await startOpenAITestServer({ port: portFlag > 0 ? Number(process.argv[portFlag + 1]) : 8787 });
  console.log(`OpenAI-compatible test server at ${server.url} (any key; models gpt-4o-mini, test-model)`);
}
