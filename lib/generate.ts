import type OpenAI from 'openai';
import { parseAnswer, partialBody, type AnswerFormat } from './answer';
import { PressPilotError } from './errors';
import { POST_JSON_SCHEMA, type GeneratedPost } from './post';
import { buildRepairMessages, type ChatMessage } from './prompt';

export type ApiStyle = 'chat' | 'responses';

export interface GenerationProgress {
  phase: 'connecting' | 'writing' | 'repairing';
  /** The whole answer text so far, as the model sent it. */
  answer: string;
  /** The article body so far, readable. */
  body: string;
}

export interface GenerateRequest {
  client: OpenAI;
  model: string;
  api: ApiStyle;
  /** Builds the prompt for an answer format: JSON when the server takes a schema, else lines. */
  messages: (format: AnswerFormat) => ChatMessage[];
  /** Start with the line format (the endpoint is known to reject JSON schemas). */
  preferLines?: boolean;
  signal?: AbortSignal;
  /** Give up when the stream sends nothing for this long. */
  idleTimeoutMs?: number;
  onProgress?: (progress: GenerationProgress) => void;
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

function schemaUnsupported(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  const message = String((error as { message?: string }).message ?? '');
  return (status === 400 || status === 422 || status === 501) && /response_format|json_schema|structured|schema|text\.format/i.test(message);
}

interface StreamOutcome { text: string; truncated: boolean; refused: boolean; /** the server answered and began streaming */ started: boolean }

async function* chatDeltas(request: GenerateRequest, messages: ChatMessage[], format: AnswerFormat, signal: AbortSignal, outcome: StreamOutcome) {
  const stream = await request.client.chat.completions.create({
    model: request.model,
    messages,
    stream: true,
    ...(format === 'json'
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'blog_post', strict: true, schema: POST_JSON_SCHEMA as unknown as Record<string, unknown> } } }
      : {}),
  }, { signal });
  outcome.started = true;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.finish_reason === 'length') outcome.truncated = true;
    if (choice?.finish_reason === 'content_filter' || choice?.delta?.refusal) outcome.refused = true;
    if (choice?.delta?.content) yield choice.delta.content;
  }
}

async function* responsesDeltas(request: GenerateRequest, messages: ChatMessage[], format: AnswerFormat, signal: AbortSignal, outcome: StreamOutcome) {
  const [system, ...rest] = messages;
  const stream = await request.client.responses.create({
    model: request.model,
    instructions: system?.content,
    input: rest.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    ...(format === 'json'
      ? { text: { format: { type: 'json_schema' as const, name: 'blog_post', strict: true, schema: POST_JSON_SCHEMA as unknown as Record<string, unknown> } } }
      : {}),
  }, { signal });
  outcome.started = true;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') yield event.delta;
    else if (event.type === 'response.refusal.delta') outcome.refused = true;
    else if (event.type === 'response.incomplete') outcome.truncated = true;
    else if (event.type === 'error') throw new Error(event.message);
    else if (event.type === 'response.failed') throw new Error(event.response.error?.message ?? 'The model failed to answer.');
  }
}

/** One streamed answer. Aborts itself when the stream goes quiet for idleTimeoutMs. */
async function streamAnswer(request: GenerateRequest, messages: ChatMessage[], format: AnswerFormat, phase: GenerationProgress['phase']): Promise<StreamOutcome> {
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
  request.onProgress?.({ phase, answer: '', body: '' });
  try {
    arm();
    const deltas = request.api === 'responses'
      ? responsesDeltas(request, messages, format, controller.signal, outcome)
      : chatDeltas(request, messages, format, controller.signal, outcome);
    for await (const delta of deltas) {
      arm();
      outcome.text += delta;
      request.onProgress?.({ phase: phase === 'connecting' ? 'writing' : phase, answer: outcome.text, body: partialBody(outcome.text) });
    }
    // The SDK ends an aborted stream quietly instead of throwing: an abort is never a finished answer.
    if (controller.signal.aborted) throw new Error('aborted');
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

/**
 * Asks for a post and returns it validated. Structured output first; a server that rejects JSON
 * schemas gets the seed's line format instead; an answer that fails the schema gets one repair turn.
 */
export async function generatePost(request: GenerateRequest): Promise<GenerateResult> {
  let format: AnswerFormat = request.preferLines ? 'lines' : 'json';
  let fellBack = false;
  let messages = request.messages(format);
  let outcome: StreamOutcome;
  try {
    outcome = await streamAnswer(request, messages, format, 'connecting');
  } catch (error) {
    if (format !== 'json' || !schemaUnsupported(error)) throw error;
    format = 'lines';
    fellBack = true;
    messages = request.messages(format);
    outcome = await streamAnswer(request, messages, format, 'connecting');
  }
  if (outcome.refused) throw new PartialAnswerError(new PressPilotError('refused', 'The model refused to write this post. Try rewording the topic.'), outcome.text);
  let parsed = parseAnswer(outcome.text);
  if (!parsed.ok && outcome.truncated) {
    throw new PartialAnswerError(new PressPilotError('truncated', 'The model hit its output limit before the post was finished. Try a shorter length or a model with a larger output limit.', true), outcome.text);
  }
  if (!parsed.ok) {
    const repairMessages = buildRepairMessages(messages, outcome.text, parsed.problems);
    const repaired = await streamAnswer(request, repairMessages, format, 'repairing');
    parsed = parseAnswer(repaired.text);
    if (!parsed.ok) {
      throw new PartialAnswerError(new PressPilotError('invalid-output',
        `The model's answer did not fit the post format, even after asking it to fix it (${parsed.problems.slice(0, 3).join(' ')}). Try again or pick another model.`, true), repaired.text || outcome.text);
    }
  }
  return { post: parsed.post, format, fellBack };
}
