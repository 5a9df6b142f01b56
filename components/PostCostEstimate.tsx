import { estimateCost, estimateTokensForPost, formatCost, priceFor } from '../lib/generation/cost';
import { plannedSectionCount } from '../lib/generation/outline';
import { LENGTHS, type LengthName } from '../lib/generation/writing';
import type { Settings } from '../lib/storage/storage';

/** Tokens an outlined post's plan adds to each section request, about. */
const OUTLINE_TOKENS_PER_SECTION = 40;

/** Before writing: the tokens and money a post of this length should take with the chosen model. */
export function PostCostEstimate({ settings, length, sections }: { settings: Settings; length: LengthName; sections?: number }) {
  const targetWords = LENGTHS[length];
  // An outlined post is one request per section; a post written at once is one request.
  const requests = sections ?? 1;
  const tokens = estimateTokensForPost({ targetWords, sections: requests, outlineTokens: requests > 1 ? requests * OUTLINE_TOKENS_PER_SECTION : 0 });
  return <p id="cost-estimate" className="muted">Estimate for {settings.model}: {formatCost(estimateCost(tokens, priceFor(settings.model, settings.prices)))}</p>;
}

export const sectionsPlannedFor = (length: LengthName) => plannedSectionCount(LENGTHS[length]);
