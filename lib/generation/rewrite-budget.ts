/**
 * Whether a post fits a rewrite in one answer. The model must send the whole post back, so the
 * binding limit is usually its output limit, not its context window; a post that cannot fit is
 * refused before any request, never cut short silently.
 */
import { PressPilotError } from '../errors';

export interface ModelLimits {
  /** Prompt and answer together. */
  contextTokens: number;
  /** The longest answer the model writes. */
  maxOutputTokens: number;
}

/** Room the instructions, options and JSON wrapping of a rewrite take besides the post. */
const PROMPT_OVERHEAD_TOKENS = 1_500;

/**
 * A cautious token count without shipping a tokenizer in the extension: about four characters
 * per token for Latin script, one per character for CJK, emoji and other wide scripts.
 */
export function estimateTokens(text: string): number {
  let narrow = 0;
  let wide = 0;
  for (const character of text) {
    if (character.codePointAt(0)! > 0x2fff) wide++;
    else narrow++;
  }
  return Math.ceil(narrow / 3.5 + wide);
}

/** How much longer than the original the answer may grow, by what the user asked for. */
export function growthFactor(presets: readonly string[]): number {
  if (presets.includes('longer')) return 2;
  if (presets.includes('shorter')) return 0.8;
  return 1.25;
}

export function checkRewriteFits(markdown: string, presets: readonly string[], limits: ModelLimits): void {
  const postTokens = estimateTokens(markdown);
  const answerTokens = Math.ceil(postTokens * growthFactor(presets));
  const words = markdown.split(/\s+/).filter(Boolean).length.toLocaleString('en');
  if (answerTokens > limits.maxOutputTokens) {
    throw new PressPilotError('too-long', `This post is too long to rewrite in one answer: it is about ${words} words (~${postTokens.toLocaleString('en')} tokens), and the rewritten post would need ~${answerTokens.toLocaleString('en')} tokens, but the model writes at most ${limits.maxOutputTokens.toLocaleString('en')}. Nothing was sent. Pick a model with a larger output limit (and set it in the options), or rewrite the post in shorter parts.`);
  }
  if (postTokens + answerTokens + PROMPT_OVERHEAD_TOKENS > limits.contextTokens) {
    throw new PressPilotError('too-long', `This post is too long for the model's context window: it is about ${words} words (~${postTokens.toLocaleString('en')} tokens), and with its rewrite it needs more than the ${limits.contextTokens.toLocaleString('en')} tokens the model holds. Nothing was sent. Pick a model with a larger context window (and set it in the options), or rewrite the post in shorter parts.`);
  }
}
