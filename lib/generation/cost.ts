/**
 * What a post costs: an estimate before it is written, and the usage the endpoint reports while it
 * streams. In zod/mini: prices live in the settings the popup and options page read.
 */
import * as z from 'zod/mini';
import { estimateTokens, growthFactor } from './rewrite-budget';

/** A model's price in USD per million tokens. */
export const PriceSchema = /* @__PURE__ */ z.object({
  model: z.string().check(z.trim(), z.minLength(1)),
  inputPerMillion: z.number().check(z.gte(0)),
  outputPerMillion: z.number().check(z.gte(0)),
});
export type Price = z.infer<typeof PriceSchema>;

/** OpenAI's list prices when written; the blogger edits this table in the options. */
export const DEFAULT_PRICES: readonly Price[] = [
  { model: 'gpt-4o-mini', inputPerMillion: 0.15, outputPerMillion: 0.6 },
  { model: 'gpt-4o', inputPerMillion: 2.5, outputPerMillion: 10 },
  { model: 'gpt-4.1', inputPerMillion: 2, outputPerMillion: 8 },
  { model: 'gpt-4.1-mini', inputPerMillion: 0.4, outputPerMillion: 1.6 },
  { model: 'gpt-4.1-nano', inputPerMillion: 0.1, outputPerMillion: 0.4 },
  { model: 'gpt-5', inputPerMillion: 1.25, outputPerMillion: 10 },
  { model: 'gpt-5-mini', inputPerMillion: 0.25, outputPerMillion: 2 },
  { model: 'gpt-5-nano', inputPerMillion: 0.05, outputPerMillion: 0.4 },
  { model: 'o4-mini', inputPerMillion: 1.1, outputPerMillion: 4.4 },
];

/** The exact model's price, else the longest entry the id starts with ('gpt-4o-mini-2024-07-18' is gpt-4o-mini). */
export function priceFor(model: string, prices: readonly Price[]): Price | undefined {
  const id = model.trim().toLowerCase();
  const exact = prices.find((price) => price.model.toLowerCase() === id);
  if (exact) return exact;
  return prices
    .filter((price) => id.startsWith(price.model.toLowerCase()))
    .sort((a, b) => b.model.length - a.model.length)[0];
}

export const UsageSchema = /* @__PURE__ */ z.object({ inputTokens: z.number(), outputTokens: z.number() });
export type Usage = z.infer<typeof UsageSchema>;

/** Sums usage across requests; undefined only when neither side reported any. */
export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return a ?? b;
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

/** System prompt, field rules and topic of each request, besides the outline and prior text. */
const DEFAULT_PROMPT_OVERHEAD_TOKENS = 800;
/** Earlier sections beyond this are sent as summaries, so the context stops growing. */
const PRIOR_CONTEXT_CAP_TOKENS = 3_000;
/** Prose tokens per word, Markdown included. */
const TOKENS_PER_WORD = 1.4;

/**
 * Tokens for an outline-first post: one request writes the outline, then one per section, each
 * carrying the outline and what was written so far (capped, see above).
 */
export function estimateTokensForPost(input: { targetWords: number; sections: number; outlineTokens: number; promptOverheadTokens?: number }): Usage {
  const overhead = input.promptOverheadTokens ?? DEFAULT_PROMPT_OVERHEAD_TOKENS;
  const sections = Math.max(1, Math.round(input.sections));
  const bodyTokens = input.targetWords * TOKENS_PER_WORD;
  const perSection = bodyTokens / sections;
  let inputTokens = overhead;
  for (let written = 0; written < sections; written++) {
    inputTokens += overhead + input.outlineTokens + Math.min(written * perSection, PRIOR_CONTEXT_CAP_TOKENS);
  }
  return { inputTokens: Math.round(inputTokens), outputTokens: Math.round(input.outlineTokens + bodyTokens) };
}

/** Room the rewrite prompt takes besides the post, as lib/generation/rewrite-budget.ts counts it. */
const REWRITE_OVERHEAD_TOKENS = 1_500;

/** Tokens for a rewrite in one answer: the post goes in, and comes back grown or shrunk as asked. */
export function estimateTokensForRewrite(markdown: string, presets: readonly string[]): Usage {
  const postTokens = estimateTokens(markdown);
  return { inputTokens: postTokens + REWRITE_OVERHEAD_TOKENS, outputTokens: Math.ceil(postTokens * growthFactor(presets)) };
}

export interface CostEstimate extends Usage { usd?: number }

export function estimateCost(tokens: Usage, price: Price | undefined): CostEstimate {
  const estimate: CostEstimate = { inputTokens: tokens.inputTokens, outputTokens: tokens.outputTokens };
  if (price) estimate.usd = (tokens.inputTokens * price.inputPerMillion + tokens.outputTokens * price.outputPerMillion) / 1_000_000;
  return estimate;
}

/** Rounded, since an estimate with five exact digits claims more than it knows. */
function approx(tokens: number): string {
  const step = tokens < 1_000 ? 10 : 100;
  return `~${(Math.round(tokens / step) * step).toLocaleString('en')}`;
}

function dollars(usd: number): string {
  if (usd < 0.005) return 'less than $0.01';
  return `about ${usd.toLocaleString('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "~12,400 tokens in, ~8,600 out, about $0.01". */
export function formatCost(estimate: CostEstimate): string {
  const tokens = `${approx(estimate.inputTokens)} tokens in, ${approx(estimate.outputTokens)} out`;
  return estimate.usd === undefined ? `${tokens} (price unknown for this model)` : `${tokens}, ${dollars(estimate.usd)}`;
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The usage in a streamed chunk: a chat completion chunk's `usage` (sent last when
 * stream_options.include_usage is set) or a Responses API `response.completed` event's.
 */
export function usageFromChunk(chunk: unknown): Usage | undefined {
  if (typeof chunk !== 'object' || chunk === null) return undefined;
  const event = chunk as { type?: unknown; usage?: unknown; response?: { usage?: unknown } };
  const usage = (event.type === 'response.completed' ? event.response?.usage : event.usage) as Record<string, unknown> | null | undefined;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const inputTokens = tokenCount(usage.prompt_tokens ?? usage.input_tokens);
  const outputTokens = tokenCount(usage.completion_tokens ?? usage.output_tokens);
  return inputTokens === undefined || outputTokens === undefined ? undefined : { inputTokens, outputTokens };
}

/** What a finished job used, as the server reported it: "Used 12,345 tokens in, 8,600 out, about $0.01". */
export function formatUsage(usage: Usage, price: Price | undefined): string {
  const tokens = `Used ${usage.inputTokens.toLocaleString('en')} tokens in, ${usage.outputTokens.toLocaleString('en')} out`;
  const cost = estimateCost(usage, price).usd;
  return cost === undefined ? `${tokens}.` : `${tokens}, ${dollars(cost)}.`;
}
