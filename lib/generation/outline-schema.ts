/**
 * The outline of a long post as it travels: planned by the model, shaped by the blogger in the
 * popup, carried by a job request. In zod/mini and apart from the outline's prompt and parser
 * (lib/generation/outline.ts), so the protocol that every editor page loads stays small.
 */
import * as z from 'zod/mini';

// Plain constants, not the object's properties, in the messages: a page that never checks an
// outline then carries none of it (a property read is not known to be free of side effects).
const SECTIONS_MAX = 40;
const HEADING_MAX = 120;
const COVERS_MAX = 600;
const TARGET_WORDS_MAX = 6_000;

export const OUTLINE_LIMITS = {
  sectionsMax: SECTIONS_MAX,
  headingMax: HEADING_MAX,
  coversMax: COVERS_MAX,
  /** The longest post written section by section. */
  targetWordsMax: TARGET_WORDS_MAX,
  /** Less than this is not a section worth its own request. */
  sectionWordsMin: 80,
} as const;

export const SECTION_EXTRAS = ['table', 'list', 'code'] as const;
export type SectionExtra = (typeof SECTION_EXTRAS)[number];

const unique = <T>(values: T[]): T[] => [...new Set(values)];
// Models write headings as they would in Markdown: `## **Heading**`.
const bareHeading = (heading: string) => heading.replace(/^#+\s*/, '').replace(/^\*\*(.*)\*\*$/, '$1').trim();

export const OutlineSectionSchema = /* @__PURE__ */ z.object({
  heading: /* @__PURE__ */ z.string('A section needs a heading.').check(
    z.trim(), z.overwrite(bareHeading),
    z.minLength(1, 'A section heading is empty.'),
    z.maxLength(HEADING_MAX, `A section heading must be at most ${HEADING_MAX} characters.`),
  ),
  level: z.literal([2, 3], 'A section level must be 2 (##) or 3 (###).'),
  covers: z._default(/* @__PURE__ */ z.string().check(z.trim(), z.maxLength(COVERS_MAX, `What a section covers must be at most ${COVERS_MAX} characters.`)), ''),
  extras: z._default(/* @__PURE__ */ z.array(z.enum(SECTION_EXTRAS, 'Extras are "table", "list" or "code".')).check(z.overwrite(unique)), []),
  /** A length the blogger set for this section; the post's length is shared among the others. */
  words: z.optional(/* @__PURE__ */ z.int().check(z.positive('A section word target must be positive.'), z.maximum(TARGET_WORDS_MAX, `A section word target must be at most ${TARGET_WORDS_MAX}.`))),
});
export type OutlineSection = z.output<typeof OutlineSectionSchema>;

const text = /* @__PURE__ */ z._default(/* @__PURE__ */ z.string().check(z.trim()), '');
const terms = /* @__PURE__ */ z._default(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string().check(z.trim())), []);

export const OutlineSchema = /* @__PURE__ */ z.object({
  title: /* @__PURE__ */ z.string('The title is missing.').check(z.trim(), z.minLength(1, 'The title is empty.')),
  metaDescription: text,
  seoTitle: text,
  focusKeywords: terms,
  tags: terms,
  categories: terms,
  sections: /* @__PURE__ */ z.array(OutlineSectionSchema, 'The sections are missing.').check(
    z.minLength(1, 'Plan at least one section.'),
    z.maxLength(SECTIONS_MAX, `Plan at most ${SECTIONS_MAX} sections.`),
    // An H3 belongs to the H2 before it, so the plan opens with an H2.
    z.refine((sections) => sections[0]?.level !== 3, 'The first section must be an H2 (##).'),
  ),
});
export type Outline = z.output<typeof OutlineSchema>;
