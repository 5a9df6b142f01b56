import type OpenAI from 'openai';
import { extractJson, parseAnswer, partialBody, readDraft, type AnswerFormat, type DraftPost } from './answer';
import { PressPilotError } from '../errors';
import { fieldsJsonSchema, POST_JSON_SCHEMA, type GeneratedPost } from './post';
import { buildFieldsMessages, buildRepairMessages, type ChatMessage } from './prompt';
import { lastResort, mergeFollowUp, settleFields, type CategoryRule, type SoftField } from './settle-post';
import { usageFromChunk, type Usage } from './cost';
import { checkLanguage } from './language-check';

export type ApiStyle = 'chat' | 'responses';

export interface GenerationProgress {
  phase: 'connecting' | 'writing' | 'repairing';
  /** The whole answer text so far, as the model sent it. */
  answer: string;
  /** The article body so far, readable. */
  body: string;
}

/** What every streamed request needs: the endpoint, and where its progress and usage go. */
export interface StreamRequest {
  client: OpenAI;
  model: string;
  api: ApiStyle;
  signal?: AbortSignal;
  /** Give up when the stream sends nothing for this long. */
  idleTimeoutMs?: number;
  onProgress?: (progress: GenerationProgress) => void;
  /** The tokens of each finished answer, where the server reports them. */
  onUsage?: (usage: Usage) => void;
}

/** What fixing a post's soft limits needs: its categories and language, and the endpoint for a follow-up. */
export interface SettleRequest extends StreamRequest {
  /** The categories the prompt offered, to match the answer's against. */
  categories: CategoryRule;
  /** The post's language: checked in the answer, and asked for in a follow-up. */
  language: string;
}

export interface GenerateRequest extends SettleRequest {
  /** Builds the prompt for an answer format: JSON when the server takes a schema, else lines. */
  messages: (format: AnswerFormat) => ChatMessage[];
  /** Start with the line format (the endpoint is known to reject JSON schemas). */
  preferLines?: boolean;
}

export interface GenerateResult {
  post: GeneratedPost;
  format: AnswerFormat;
  /** True when the server rejected structured output and the line format was used. */
  fellBack: boolean;
}

/** An error that keeps what the model had written, so the user never loses it. */
export class PartialAnswerError extends Error {
  constructor(override readonly cause: unknown, readonly answer: string) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PartialAnswerError';
  }
}

export function schemaUnsupported(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  const message = String((error as { message?: string }).message ?? '');
  return (status === 400 || status === 422 || status === 501) && /response_format|json_schema|structured|schema|text\.format/i.test(message);
}

export interface StreamOutcome { text: string; truncated: boolean; refused: boolean; /** the server answered and began streaming */ started: boolean; usage?: Usage }

/** What the answer must look like: a JSON schema the server enforces, by its name, or free text. */
export interface AnswerSchema { name: string; schema: Record<string, unknown> }

// Servers that do not know stream_options may refuse it; they are asked again without.
const usageUnsupported = (error: unknown) => (error as { status?: number }).status === 400 && /stream_options|include_usage/i.test(String((error as { message?: string }).message ?? ''));

async function openChatStream(request: StreamRequest, messages: ChatMessage[], schema: AnswerSchema | undefined, signal: AbortSignal) {
  const body = {
    model: request.model,
    messages,
    stream: true as const,
    ...(schema ? { response_format: { type: 'json_schema' as const, json_schema: { name: schema.name, strict: true, schema: schema.schema } } } : {}),
  };
  try {
    return await request.client.chat.completions.create({ ...body, stream_options: { include_usage: true } }, { signal });
  } catch (error) {
    if (!usageUnsupported(error)) throw error;
    return request.client.chat.completions.create(body, { signal });
  }
}

async function* chatDeltas(request: StreamRequest, messages: ChatMessage[], schema: AnswerSchema | undefined, signal: AbortSignal, outcome: StreamOutcome) {
  const stream = await openChatStream(request, messages, schema, signal);
  outcome.started = true;
  for await (const chunk of stream) {
    outcome.usage = usageFromChunk(chunk) ?? outcome.usage;
    const choice = chunk.choices[0];
    if (choice?.finish_reason === 'length') outcome.truncated = true;
    if (choice?.finish_reason === 'content_filter' || choice?.delta?.refusal) outcome.refused = true;
    if (choice?.delta?.content) yield choice.delta.content;
  }
}

async function* responsesDeltas(request: StreamRequest, messages: ChatMessage[], schema: AnswerSchema | undefined, signal: AbortSignal, outcome: StreamOutcome) {
  const [system, ...rest] = messages;
  const stream = await request.client.responses.create({
    model: request.model,
    instructions: system?.content,
    input: rest.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    ...(schema ? { text: { format: { type: 'json_schema' as const, name: schema.name, strict: true, schema: schema.schema } } } : {}),
  }, { signal });
  outcome.started = true;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') yield event.delta;
    else if (event.type === 'response.refusal.delta') outcome.refused = true;
    else if (event.type === 'response.incomplete') outcome.truncated = true;
    else if (event.type === 'response.completed') outcome.usage = usageFromChunk(event);
    else if (event.type === 'error') throw new Error(event.message);
    else if (event.type === 'response.failed') throw new Error(event.response.error?.message ?? 'The model failed to answer.');
  }
}

/**
 * One streamed answer. Aborts itself when the stream goes quiet for idleTimeoutMs. `bodyOf` says
 * which article text the progress shows: the answer's own, or a kept one while fields are fixed.
 */
export async function streamAnswer(request: StreamRequest, messages: ChatMessage[], schema: AnswerSchema | undefined, phase: GenerationProgress['phase'], bodyOf: (answer: string) => string = partialBody): Promise<StreamOutcome> {
  const controller = new AbortController();
  const abortFromUser = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', abortFromUser);
  let idle = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { idle = true; controller.abort(); }, request.idleTimeoutMs ?? 90_000);
  };
  const outcome: StreamOutcome = { text: '', truncated: false, refused: false, started: false };
  request.onProgress?.({ phase, answer: '', body: bodyOf('') });
  try {
    arm();
    const deltas = request.api === 'responses'
      ? responsesDeltas(request, messages, schema, controller.signal, outcome)
      : chatDeltas(request, messages, schema, controller.signal, outcome);
    for await (const delta of deltas) {
      arm();
      outcome.text += delta;
      request.onProgress?.({ phase: phase === 'connecting' ? 'writing' : phase, answer: outcome.text, body: bodyOf(outcome.text) });
    }
    // The SDK ends an aborted stream quietly instead of throwing: an abort is never a finished answer.
    if (controller.signal.aborted) throw new Error('aborted');
    if (outcome.usage) request.onUsage?.(outcome.usage);
    return outcome;
  } catch (error) {
    if (request.signal?.aborted) throw new PartialAnswerError(new PressPilotError('cancelled', 'Cancelled. Nothing was changed in your post.', true), outcome.text);
    if (idle) throw new PartialAnswerError(new PressPilotError('timeout', 'The model stopped sending text and did not finish. What it wrote so far is kept below; Retry asks again.', true), outcome.text);
    if (outcome.started) throw new PartialAnswerError(new PressPilotError('cut', 'The connection to the model broke off before the post was finished. What it wrote so far is kept below; Retry asks again.', true), outcome.text);
    throw error;
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', abortFromUser);
  }
}

const POST_SCHEMA: AnswerSchema = { name: 'blog_post', schema: POST_JSON_SCHEMA as unknown as Record<string, unknown> };
const schemaFor = (format: AnswerFormat) => (format === 'json' ? POST_SCHEMA : undefined);

/**
 * The fields no trim could fix, asked for alone. Whatever goes wrong with this small request
 * (junk, a 429, a cut stream) leaves the post as it was for `lastResort`; only Cancel stops it.
 */
async function askForFields(request: SettleRequest, post: DraftPost, fields: SoftField[], format: AnswerFormat): Promise<DraftPost> {
  const messages = buildFieldsMessages({ post, fields, categories: request.categories, language: request.language });
  try {
    const outcome = await streamAnswer(request, messages, format === 'json' ? { name: 'blog_post', schema: fieldsJsonSchema(fields) } : undefined, 'repairing', () => post.body);
    return mergeFollowUp(post, extractJson(outcome.text) as Partial<Record<SoftField, unknown>>, fields, request.categories);
  } catch (error) {
    if (request.signal?.aborted) throw error;
    return post;
  }
}

/** The fields within their limits, trimmed or picked, else asked for alone once; the body as it is. */
export async function fitFields(request: SettleRequest, draft: DraftPost, format: AnswerFormat): Promise<DraftPost> {
  const { post, ask } = settleFields(draft, request.categories);
  return ask.length > 0 ? askForFields(request, post, ask, format) : post;
}

/** The post fit for the editor: its fields within their limits, whatever the follow-up did. */
export async function settleDraft(request: SettleRequest, draft: DraftPost, format: AnswerFormat): Promise<GeneratedPost> {
  return lastResort(await fitFields(request, draft, format));
}

export const wrongLanguage = (language: string) => `It is not written in ${language}. Write all of it in ${language}, every field and the whole body.`;

/**
 * Asks for a post and returns it fit for the editor. Structured output first; a server that
 * rejects JSON schemas gets the seed's line format instead. Only a missing or unreadable body asks
 * for the whole post again (once), or a post in another language than asked; a form problem is
 * fixed without writing the body twice.
 */
export async function generatePost(request: GenerateRequest): Promise<GenerateResult> {
  let format: AnswerFormat = request.preferLines ? 'lines' : 'json';
  let fellBack = false;
  let messages = request.messages(format);
  let outcome: StreamOutcome;
  try {
    outcome = await streamAnswer(request, messages, schemaFor(format), 'connecting');
  } catch (error) {
    if (format !== 'json' || !schemaUnsupported(error)) throw error;
    format = 'lines';
    fellBack = true;
    messages = request.messages(format);
    outcome = await streamAnswer(request, messages, schemaFor(format), 'connecting');
  }
  if (outcome.refused) throw new PartialAnswerError(new PressPilotError('refused', 'The model refused to write this post. Try rewording the topic.'), outcome.text);
  let draft = readDraft(outcome.text);
  if (!draft && outcome.truncated) {
    throw new PartialAnswerError(new PressPilotError('truncated', 'The model hit its output limit before the post was finished. Try a shorter length or a model with a larger output limit.', true), outcome.text);
  }
  const checked = draft ? undefined : parseAnswer(outcome.text);
  const problems = draft ? (checkLanguage(draft.body, request.language) === 'mismatch' ? [wrongLanguage(request.language)] : [])
    : checked?.ok ? [] : checked?.problems ?? [];
  if (!draft || problems.length > 0) {
    const repaired = await streamAnswer(request, buildRepairMessages(messages, outcome.text, problems), schemaFor(format), 'repairing');
    // A post still in the wrong language is kept rather than lost; an unreadable one is not.
    draft = readDraft(repaired.text) ?? draft;
    if (!draft) {
      const again = parseAnswer(repaired.text);
      throw new PartialAnswerError(new PressPilotError('invalid-output',
        `The model's answer did not fit the post format, even after asking it to fix it (${(again.ok ? [] : again.problems).slice(0, 3).join(' ')}). Try again or pick another model.`, true), repaired.text || outcome.text);
    }
  }
  return { post: await settleDraft(request, draft, format), format, fellBack };
}
