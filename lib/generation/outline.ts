/**
 * A long post is planned before it is written: one short answer gives the post's fields and its
 * sections (H2s, and H3s under the H2 before them), then each section is written on its own
 * (lib/generation/section-context.ts). In zod/mini: an outline may travel with a job request.
 * The fields' soft limits (title length, tag counts…) are not checked here: settleFields does that
 * once the post is put together, as for a post written in one answer.
 */
import { extractJson } from './answer';
import { parseLineFormat } from './line-format';
import { POST_JSON_SCHEMA, POST_LIMITS } from './post';
import { categoryChoices, type ChatMessage } from './prompt';
import type { WritingOptions } from './writing';
import { OUTLINE_LIMITS, OutlineSchema, SECTION_EXTRAS, type Outline, type OutlineSection, type SectionExtra } from './outline-schema';

export { OUTLINE_LIMITS, OutlineSchema, OutlineSectionSchema, SECTION_EXTRAS, type Outline, type OutlineSection, type SectionExtra } from './outline-schema';

/** Structured output for the outline, loose as POST_JSON_SCHEMA is: OutlineSchema checks the limits. */
export const OUTLINE_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'metaDescription', 'seoTitle', 'focusKeywords', 'tags', 'categories', 'sections'],
  properties: {
    title: POST_JSON_SCHEMA.properties.title,
    metaDescription: POST_JSON_SCHEMA.properties.metaDescription,
    seoTitle: POST_JSON_SCHEMA.properties.seoTitle,
    focusKeywords: POST_JSON_SCHEMA.properties.focusKeywords,
    tags: POST_JSON_SCHEMA.properties.tags,
    categories: POST_JSON_SCHEMA.properties.categories,
    sections: {
      type: 'array',
      description: 'The sections in order; an H3 belongs to the H2 before it',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['heading', 'level', 'covers', 'extras'],
        properties: {
          heading: { type: 'string', description: 'The heading text, without #' },
          level: { type: 'integer', enum: [2, 3], description: '2 for ##, 3 for ###' },
          covers: { type: 'string', description: 'One line on what the section covers' },
          extras: { type: 'array', items: { type: 'string', enum: [...SECTION_EXTRAS] }, description: 'Where a table, a list or a code sample helps' },
        },
      },
    },
  },
} as const;

export interface OutlinePromptInput {
  topic: string;
  options: WritingOptions;
  targetWords: number;
  siteCategories: string[];
  allowNewCategories: boolean;
  format: 'json' | 'lines';
  /** The template's and the site voice's text, added as written. */
  instructions?: string;
}

const OUTLINE_SYSTEM = 'You are a content planner for a blog. You plan large-format, very detailed, accurate blog posts that read well and rank well in search engines.';

function outlineFieldRules(categories: string[], allowNew: boolean): string {
  return [
    `- title: an SEO-friendly, catchy title of about ${POST_LIMITS.titleIdeal} characters (never more than ${POST_LIMITS.titleMax}).`,
    `- metaDescription: at most ${POST_LIMITS.descriptionMax} characters. seoTitle: at most ${POST_LIMITS.seoTitleMax} characters, the focus keyphrase near its start.`,
    `- focusKeywords: the focus keyphrase first, then up to ${POST_LIMITS.keywordsMax - 1} related phrases. tags: ${POST_LIMITS.tagsMin} to ${POST_LIMITS.tagsMax} short tags.`,
    `- categories: ${POST_LIMITS.categoriesMin} to ${POST_LIMITS.categoriesMax}, chosen from: ${categories.map((name) => JSON.stringify(name)).join(', ')}.`
      + (allowNew ? ' Only if none fits, name a new one.' : ' Use only names from this list, spelled exactly.'),
    '- sections: in order, each with its heading, its level (## or ###, a ### belongs to the ## before it), one line on what it covers, and the extras that help it: table, list, code.',
  ].join('\n');
}

const LINE_FORMAT = [
  'Answer in exactly this format, with nothing before it:',
  'TITLE: <title>', 'META_DESCRIPTION: <meta description>', 'SEO_TITLE: <SEO title>',
  'FOCUS_KEYWORDS: <comma separated keyphrases, the focus keyphrase first>', 'TAGS: <comma separated tags>', 'CATEGORIES: <comma separated categories>',
  '', '## <heading> | <what it covers> | <extras, comma separated, or nothing>', '### <heading> | <what it covers> |', '…one line per section…', '', 'EndOFText',
].join('\n');

/** About 300 words a section reads well and keeps each request small. */
export const plannedSectionCount = (targetWords: number) => Math.max(3, Math.min(OUTLINE_LIMITS.sectionsMax, Math.round(Math.min(targetWords, OUTLINE_LIMITS.targetWordsMax) / 300)));

export function buildOutlineMessages(input: OutlinePromptInput): ChatMessage[] {
  const { options } = input;
  const words = Math.min(input.targetWords, OUTLINE_LIMITS.targetWordsMax);
  const sectionCount = plannedSectionCount(words);
  const rules = outlineFieldRules(categoryChoices(input.siteCategories), input.allowNewCategories);
  return [
    { role: 'system', content: OUTLINE_SYSTEM },
    {
      role: 'user',
      content: [
        `Plan a blog post about this topic: ${input.topic.trim()}`,
        `Language: ${options.language}. Tone: ${options.tone}. Length: about ${words} words, written later section by section from your plan; plan about ${sectionCount} sections. Do not write the post itself.`,
        input.format === 'json' ? `Answer with one JSON object with these fields:\n${rules}` : `${LINE_FORMAT}\n\nWhere:\n${rules}`,
        ...(input.instructions?.trim() ? [input.instructions.trim()] : []),
      ].join('\n\n'),
    },
  ];
}

export type OutlineResult = { ok: true; outline: Outline } | { ok: false; problems: string[] };

const unique = <T>(values: T[]): T[] => [...new Set(values)];

// A section line: `## Heading | covers | table, code`, maybe after a bullet or a number.
const SECTION_LINE = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(#{2,6})\s+(.*)$/;

function readExtras(value: string): SectionExtra[] {
  return unique(value.split(/[,;/&]|\band\b/).flatMap((word) => {
    if (/table/i.test(word)) return ['table' as const];
    if (/list|bullet/i.test(word)) return ['list' as const];
    return /code/i.test(word) ? ['code' as const] : [];
  }));
}

/** Sections from the lines after the header; a plain line under a bare heading says what it covers. */
function readSectionLines(body: string) {
  const sections: Array<{ heading: string; level: number; covers: string; extras: SectionExtra[] }> = [];
  for (const line of body.split('\n')) {
    if (/EndOFText/i.test(line)) break;
    const match = SECTION_LINE.exec(line);
    const last = sections.at(-1);
    if (match) {
      const [heading = '', covers = '', extras = ''] = match[2]!.split('|');
      sections.push({ heading, level: match[1]!.length === 2 ? 2 : 3, covers: covers.trim(), extras: readExtras(extras) });
    } else if (last && !last.covers) {
      // Only a bare heading takes the next line as its covers text: after a full line it is a closing remark.
      last.covers = line.replace(/^\s*[-*+]\s+/, '').trim();
    }
  }
  return sections;
}

function readLines(answer: string): unknown {
  const parsed = parseLineFormat(answer);
  const { body, ...fields } = parsed.ok ? parsed.post : parsed.partial;
  // Without a TITLE line the header parser finds no body: the sections are then read from it all.
  return { ...fields, sections: readSectionLines(fields.title ? body : answer) };
}

const looksLikeLines = (answer: string) => !answer.trimStart().startsWith('{')
  && /^\s*[*_]*\s*TITLE\s*[*_]*\s*:|^\s*(?:[-*+]\s+)?##\s/im.test(answer);

/** The outline in an answer in either format, or the problems to show the model. Never throws. */
export function parseOutline(answer: string): OutlineResult {
  let candidate: unknown;
  if (looksLikeLines(answer)) candidate = readLines(answer);
  else {
    try {
      candidate = extractJson(answer);
    } catch {
      return { ok: false, problems: ['The answer is neither a JSON object nor the outline format asked for.'] };
    }
  }
  const result = OutlineSchema.safeParse(candidate);
  if (result.success) return { ok: true, outline: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`) };
}

/** The post's fields as planned, without its sections. */
export function outlineFields(outline: Outline): Omit<Outline, 'sections'> {
  const { sections: _sections, ...fields } = outline;
  return fields;
}

/** An H2 whose content sits in the H3s after it is only their introduction. */
export function introducesSubsections(sections: readonly OutlineSection[], index: number): boolean {
  return sections[index]?.level === 2 && sections[index + 1]?.level === 3;
}

// Shares of the post's length: an H3 less than an H2, an H2 that only introduces its H3s least.
const sectionWeight = (sections: readonly OutlineSection[], index: number) =>
  introducesSubsections(sections, index) ? 0.4 : sections[index]!.level === 3 ? 0.6 : 1;

/**
 * Each section's word target: a section's own `words` as set, the rest of the post's length
 * (at most OUTLINE_LIMITS.targetWordsMax) shared by weight, none under the minimum.
 */
export function sectionWordTargets(outline: Outline, targetWords: number): number[] {
  const { sections } = outline;
  const targets: Array<number | undefined> = sections.map((section) => section.words);
  let left = Math.min(targetWords, OUTLINE_LIMITS.targetWordsMax) - targets.reduce<number>((sum, words) => sum + (words ?? 0), 0);
  for (;;) {
    const open = sections.map((_, index) => index).filter((index) => targets[index] === undefined);
    const weights = open.reduce((sum, index) => sum + sectionWeight(sections, index), 0);
    const share = (index: number) => (left * sectionWeight(sections, index)) / weights;
    // A share under the minimum takes the minimum; the others share what is left again.
    const small = open.filter((index) => share(index) < OUTLINE_LIMITS.sectionWordsMin);
    if (small.length === 0) {
      for (const index of open) targets[index] = Math.round(share(index));
      return targets as number[];
    }
    for (const index of small) targets[index] = OUTLINE_LIMITS.sectionWordsMin;
    left -= small.length * OUTLINE_LIMITS.sectionWordsMin;
  }
}

// ---- The blogger's edits in the popup ------------------------------------------------------------

/** The section moved by `by` places (clamped to the list); the others keep their order. */
export function moveSection(sections: readonly OutlineSection[], index: number, by: number): OutlineSection[] {
  const to = Math.max(0, Math.min(sections.length - 1, index + by));
  const moved = [...sections];
  const [section] = moved.splice(index, 1);
  if (section) moved.splice(to, 0, section);
  return moved;
}

export function removeSection(sections: readonly OutlineSection[], index: number): OutlineSection[] {
  return sections.filter((_, at) => at !== index);
}

/** A new, empty H2 after `index` (at the end by default), for the blogger to name. */
export function addSection(sections: readonly OutlineSection[], index = sections.length - 1): OutlineSection[] {
  const added = [...sections];
  added.splice(index + 1, 0, { heading: '', level: 2, covers: '', extras: [] });
  return added;
}

export function changeSection(sections: readonly OutlineSection[], index: number, change: Partial<OutlineSection>): OutlineSection[] {
  return sections.map((section, at) => (at === index ? { ...section, ...change } : section));
}

/** The outline as edited, checked as a planned one is, or the first problem to show. */
export function checkEditedOutline(outline: Outline): { ok: true; outline: Outline } | { ok: false; problem: string } {
  const result = OutlineSchema.safeParse(outline);
  return result.success ? { ok: true, outline: result.data } : { ok: false, problem: result.error.issues[0]?.message ?? 'Check the outline.' };
}
