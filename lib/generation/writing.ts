/**
 * What the blogger asks for beside the topic: tone, length, language, and the rewrite presets.
 * In zod/mini: the job requests that carry these cross into the content script, which loads on
 * every editor page and stays small.
 */
import * as z from 'zod/mini';

export const TONES = ['informative', 'friendly', 'professional', 'persuasive', 'casual'] as const;
export const LENGTHS = { short: 700, standard: 1400, long: 2500, longform: 6000 } as const;
export type LengthName = keyof typeof LENGTHS;
export const LENGTH_LABELS: Record<LengthName, string> = { short: 'Short', standard: 'Standard', long: 'Long', longform: 'Long-form' };
/** Lengths past what one answer writes well start from an outline unless the blogger says otherwise. */
export const outlineByDefault = (length: LengthName) => LENGTHS[length] >= LENGTHS.long;

export const WritingOptionsSchema = /* @__PURE__ */ z.object({
  tone: z._default(z.enum(TONES), 'informative'),
  length: z._default(z.enum(/* @__PURE__ */ Object.keys(LENGTHS) as [LengthName, ...LengthName[]]), 'standard'),
  language: z._default(/* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(40)), 'English'),
});
export type WritingOptions = z.output<typeof WritingOptionsSchema>;

export const REWRITE_PRESETS = {
  clarity: 'Improve clarity and flow; keep the meaning, facts and structure.',
  longer: 'Make it longer and more detailed: expand each section with explanations and examples.',
  shorter: 'Shorten it: keep the key points, cut repetition and filler.',
  code: 'Fix the code samples: make them correct, complete, runnable and put them in fenced code blocks with their language.',
  seo: 'Make it SEO-friendly: a clear keyword-led title, descriptive headings, a compelling meta description.',
  tone: 'Change the tone as asked in the writing options, keeping the content.',
} as const;
export type RewritePreset = keyof typeof REWRITE_PRESETS;
