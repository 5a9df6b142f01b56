import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICES, PriceSchema, addUsage, estimateCost, estimateTokensForPost, estimateTokensForRewrite, formatCost, priceFor, usageFromChunk,
} from '../../lib/generation/cost';

describe('priceFor', () => {
  it('takes the exact model, else the longest entry the id starts with', () => {
    expect(priceFor('gpt-4o', DEFAULT_PRICES)?.inputPerMillion).toBe(2.5);
    expect(priceFor('gpt-4o-mini-2024-07-18', DEFAULT_PRICES)?.model).toBe('gpt-4o-mini');
    expect(priceFor('gpt-4o-2024-11-20', DEFAULT_PRICES)?.model).toBe('gpt-4o');
    expect(priceFor('gpt-4.1-nano-2025-04-14', DEFAULT_PRICES)?.model).toBe('gpt-4.1-nano');
    expect(priceFor('GPT-5-mini', DEFAULT_PRICES)?.model).toBe('gpt-5-mini');
  });

  it('knows no price for a model it has no entry for', () => {
    expect(priceFor('llama3.1:8b', DEFAULT_PRICES)).toBeUndefined();
    expect(priceFor('gpt-4o', [])).toBeUndefined();
  });

  it('refuses a negative price', () => {
    expect(PriceSchema.safeParse({ model: 'x', inputPerMillion: -1, outputPerMillion: 1 }).success).toBe(false);
    expect(PriceSchema.safeParse({ model: 'x', inputPerMillion: 0, outputPerMillion: 0 }).success).toBe(true);
  });
});

describe('estimates', () => {
  it('counts the outline request and one request per section, with the prior text capped', () => {
    // Outline: 800 in, 200 out. Sections of 700 tokens each: prior text 0, 700, 1400, 2100, 2800, then 3000 capped.
    const tokens = estimateTokensForPost({ targetWords: 3_000, sections: 6, outlineTokens: 200 });
    expect(tokens).toEqual({ inputTokens: 800 + 6 * (800 + 200) + (0 + 700 + 1_400 + 2_100 + 2_800 + 3_000), outputTokens: 200 + 4_200 });
    expect(estimateTokensForPost({ targetWords: 1_000, sections: 1, outlineTokens: 100, promptOverheadTokens: 0 })).toEqual({ inputTokens: 100, outputTokens: 1_500 });
  });

  it('estimates a rewrite as the post in and the post back, grown as asked', () => {
    const markdown = 'a'.repeat(3_500);
    expect(estimateTokensForRewrite(markdown, [])).toEqual({ inputTokens: 2_500, outputTokens: 1_250 });
    expect(estimateTokensForRewrite(markdown, ['longer']).outputTokens).toBe(2_000);
  });

  it('prices tokens by the million, or leaves the price out when unknown', () => {
    const price = { model: 'gpt-4o-mini', inputPerMillion: 0.15, outputPerMillion: 0.6 };
    expect(estimateCost({ inputTokens: 1_000_000, outputTokens: 500_000 }, price)).toEqual({ inputTokens: 1_000_000, outputTokens: 500_000, usd: 0.45 });
    expect(estimateCost({ inputTokens: 10, outputTokens: 20 }, undefined)).toEqual({ inputTokens: 10, outputTokens: 20 });
  });
});

describe('formatCost', () => {
  it('rounds the tokens and gives the price in cents', () => {
    expect(formatCost({ inputTokens: 12_371, outputTokens: 8_612, usd: 0.0071 })).toBe('~12,400 tokens in, ~8,600 out, about $0.01');
    expect(formatCost({ inputTokens: 412_000, outputTokens: 96_000, usd: 1.994 })).toBe('~412,000 tokens in, ~96,000 out, about $1.99');
    expect(formatCost({ inputTokens: 1_234, outputTokens: 347, usd: 0.0004 })).toBe('~1,200 tokens in, ~350 out, less than $0.01');
  });

  it('gives tokens only when the price is unknown', () => {
    expect(formatCost({ inputTokens: 12_371, outputTokens: 8_612 })).toBe('~12,400 tokens in, ~8,600 out (price unknown for this model)');
  });
});

describe('usage', () => {
  it('reads a chat completion chunk and a Responses API completed event', () => {
    expect(usageFromChunk({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 120, completion_tokens: 900, total_tokens: 1_020 } }))
      .toEqual({ inputTokens: 120, outputTokens: 900 });
    expect(usageFromChunk({ type: 'response.completed', response: { id: 'resp_1', usage: { input_tokens: 300, output_tokens: 2_000, total_tokens: 2_300 } } }))
      .toEqual({ inputTokens: 300, outputTokens: 2_000 });
  });

  it('finds none in chunks without it', () => {
    expect(usageFromChunk({ object: 'chat.completion.chunk', choices: [{ delta: { content: 'Hi' } }], usage: null })).toBeUndefined();
    expect(usageFromChunk({ type: 'response.output_text.delta', delta: 'Hi' })).toBeUndefined();
    expect(usageFromChunk({ usage: { prompt_tokens: 'many', completion_tokens: 1 } })).toBeUndefined();
    expect(usageFromChunk(null)).toBeUndefined();
    expect(usageFromChunk('data: [DONE]')).toBeUndefined();
  });

  it('adds usage across requests, keeping what was reported', () => {
    const one = { inputTokens: 100, outputTokens: 10 };
    expect(addUsage(one, { inputTokens: 50, outputTokens: 5 })).toEqual({ inputTokens: 150, outputTokens: 15 });
    expect(addUsage(undefined, one)).toBe(one);
    expect(addUsage(one, undefined)).toBe(one);
    expect(addUsage(undefined, undefined)).toBeUndefined();
  });
});
