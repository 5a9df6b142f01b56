/** The SDK's errors as the sentence the popup shows (background only: it pulls in the SDK). */
import OpenAI from 'openai';
import { PressPilotError, type UserError } from '../errors';

function host(baseURL: string | undefined): string {
  try {
    return new URL(baseURL ?? 'https://api.openai.com/v1').host;
  } catch {
    return baseURL ?? 'the endpoint';
  }
}

function serverDetail(error: InstanceType<typeof OpenAI.APIError>): string {
  const message = (error.error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? ` It said: “${message.slice(0, 200)}”` : '';
}

/** Maps anything thrown while talking to the model to the sentence the popup shows. */
export function describeError(error: unknown, context: { baseURL?: string; model?: string } = {}): UserError {
  if (error instanceof PressPilotError) return { code: error.code, message: error.message, retryable: error.retryable };
  const where = host(context.baseURL);
  if (error instanceof OpenAI.APIUserAbortError) return { code: 'cancelled', message: 'Cancelled. Nothing was changed in your post.', retryable: true };
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return { code: 'timeout', message: `${where} did not answer in time. Try again, or pick a faster model.`, retryable: true };
  }
  if (error instanceof OpenAI.AuthenticationError) {
    return { code: 'bad-key', message: `${where} rejected the API key. Check the key in PressPilot's options.`, retryable: false };
  }
  if (error instanceof OpenAI.PermissionDeniedError) {
    return { code: 'forbidden', message: `${where} refused access with this key (no permission for this model or region).${serverDetail(error)}`, retryable: false };
  }
  if (error instanceof OpenAI.NotFoundError) {
    return { code: 'no-model', message: `${where} has no model “${context.model ?? ''}” (or the base URL is wrong). Pick a model in the options.`, retryable: false };
  }
  if (error instanceof OpenAI.RateLimitError) {
    return { code: 'rate-limited', message: `${where} is rate-limiting this key (too many requests or no credit left), even after waiting and retrying. Try again in a minute.${serverDetail(error)}`, retryable: true };
  }
  if (error instanceof OpenAI.InternalServerError) {
    return { code: 'server', message: `${where} had a server error (${error.status}), even after retrying. Try again shortly.`, retryable: true };
  }
  if (error instanceof OpenAI.BadRequestError && (error.code === 'context_length_exceeded' || /context length|context window|too many tokens/i.test(error.message))) {
    return { code: 'too-long', message: `The post is too long for “${context.model ?? 'this model'}” on ${where}: the model's context window cannot hold it. Nothing was changed. Pick a model with a larger context window, or rewrite a shorter part.`, retryable: false };
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return { code: 'bad-request', message: `${where} refused the request (${error.status}).${serverDetail(error)}`, retryable: false };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return { code: 'network', message: `Could not reach ${where}. Check the base URL and your connection; a local server (Ollama, LM Studio) must allow requests from browser extensions (CORS).`, retryable: true };
  }
  return { code: 'unknown', message: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
}
