/**
 * One request per section of a long post (planned in lib/generation/outline.ts). Each request
 * carries the outline and what was written before it: the latest sections in full, the older
 * ones summarized once all of them would not fit the model's context, so a 6,000-word post
 * stays coherent on a small model without asking it for summaries.
 */
import { estimateTokens, type ModelLimits } from './rewrite-budget';
import { introducesSubsections, sectionWordTargets, type Outline, type OutlineSection } from './outline';
import type { ChatMessage } from './prompt';
import type { WritingOptions } from './writing';

/** A section as written, its Markdown starting with its own heading line. */
export interface WrittenSection { heading: string; markdown: string }
export interface SummarizedSection { heading: string; summary: string }

// Words as countWords counts them: CJK characters one by one, other runs by spaces.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** The paragraphs of a section: its prose, without headings, code blocks, tables, lists or images. */
function paragraphs(markdown: string): string[] {
  const kept: string[] = [];
  let fence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    // A list's items are its details: the sentence that leads into it says what it is about.
    else if (fence || /^\s*(#|\||!\[|[-*+]\s|\d+[.)]\s)/.test(line)) kept.push('');
    else kept.push(line.replace(/^\s*>\s?/, '').trim());
  }
  return kept.join('\n').split(/\n\s*\n/).map((block) => block.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const firstSentence = (paragraph: string) => /^.+?(?:[.!?](?=\s|$)|[。！？])/u.exec(paragraph)?.[0] ?? paragraph;

/**
 * A cheap extractive summary, no model call: the heading, then the first sentence of each
 * paragraph, cut after maxWords words (the heading not counted).
 */
export function summarizeSection(section: WrittenSection, maxWords = 60): string {
  const sentences = paragraphs(section.markdown).map(firstSentence).join(' ');
  const over = [...sentences.matchAll(WORD)][Math.max(0, maxWords)];
  const kept = over ? sentences.slice(0, over.index).trimEnd() : sentences;
  return kept ? `${section.heading}: ${kept}${over ? '…' : ''}` : section.heading;
}

type Shown = 'full' | 'summary' | 'heading' | 'none';

/**
 * What of the earlier sections a request carries within budgetTokens: all in full if they fit,
 * else the oldest summarized first, then the oldest cut to their headings, then left out (the
 * outline still names them). The newest stay in full the longest. Order is kept.
 */
export function planContext(written: WrittenSection[], budgetTokens: number): { full: WrittenSection[]; summarized: SummarizedSection[] } {
  const summaries = written.map((section) => summarizeSection(section));
  const cost: Record<Shown, (index: number) => number> = {
    full: (index) => estimateTokens(written[index]!.markdown),
    summary: (index) => estimateTokens(summaries[index]!),
    heading: (index) => estimateTokens(written[index]!.heading),
    none: () => 0,
  };
  const shown: Shown[] = written.map(() => 'full');
  const total = () => shown.reduce((sum, how, index) => sum + cost[how](index), 0);
  const steps: Array<[Shown, Shown]> = [['full', 'summary'], ['summary', 'heading'], ['heading', 'none']];
  for (const [from, to] of steps) {
    for (let index = 0; index < written.length && total() > budgetTokens; index++) if (shown[index] === from) shown[index] = to;
  }
  return {
    full: written.filter((_, index) => shown[index] === 'full'),
    summarized: written.flatMap((section, index) => shown[index] === 'summary' || shown[index] === 'heading'
      ? [{ heading: section.heading, summary: shown[index] === 'summary' ? summaries[index]! : '' }] : []),
  };
}

/** Room the instructions and options of a section request take besides the outline and earlier text. */
const SECTION_PROMPT_OVERHEAD_TOKENS = 800;
/** About 1.4 tokens a word, and room for a model that writes past its target. */
const ANSWER_TOKENS_PER_WORD = 1.4 * 1.5;

/** Tokens left for earlier sections: the context less the outline, the answer and the instructions. */
export function sectionBudget(limits: ModelLimits, outlineTokens: number, sectionWords: number): number {
  const answer = Math.min(Math.ceil(sectionWords * ANSWER_TOKENS_PER_WORD), limits.maxOutputTokens);
  return Math.max(0, limits.contextTokens - outlineTokens - answer - SECTION_PROMPT_OVERHEAD_TOKENS);
}

const headingLine = (section: OutlineSection) => `${'#'.repeat(section.level)} ${section.heading}`;

/** The outline as the model reads it, the section to write marked. */
function outlineText(outline: Outline, index: number): string {
  return outline.sections.map((section, at) => {
    const extras = section.extras.length ? ` [${section.extras.join(', ')}]` : '';
    const covers = section.covers ? ` | ${section.covers}` : '';
    return `${at === index ? '→ ' : ''}${headingLine(section)}${covers}${extras}${at === index ? '  ← write this one now' : ''}`;
  }).join('\n');
}

function earlierText(written: WrittenSection[], budgetTokens: number): string[] {
  if (written.length === 0) return ['This is the first section: nothing is written yet.'];
  const plan = planContext(written, budgetTokens);
  const parts = ['The sections written so far are between <written> tags; continue from them and do not repeat them.', '<written>'];
  if (plan.summarized.length) parts.push(`Summaries of the earlier sections:\n${plan.summarized.map((item) => `- ${item.summary || item.heading}`).join('\n')}`);
  parts.push(...plan.full.map((section) => section.markdown), '</written>');
  return parts;
}

/** What this section must do beyond its heading: what it covers, its extras, its subsections. */
function sectionAsks(outline: Outline, index: number): string[] {
  const section = outline.sections[index]!;
  const asks = [`Write now the section "${section.heading}"${section.covers ? `, which covers: ${section.covers}` : '.'}`];
  if (section.extras.length) asks.push(`Include where it helps: ${section.extras.map((extra) => (extra === 'code' ? 'a code sample in a fenced block with its language' : `a ${extra}`)).join(', ')}.`);
  if (introducesSubsections(outline.sections, index)) {
    const rest = outline.sections.slice(index + 1);
    const end = rest.findIndex((next) => next.level !== 3);
    const subsections = end === -1 ? rest : rest.slice(0, end);
    asks.push(`Its subsections (${subsections.map((next) => `"${next.heading}"`).join(', ')}) are written separately after it: write only its introduction, not their content.`);
  }
  return asks;
}

export interface SectionPromptInput {
  outline: Outline;
  /** The section to write, in outline.sections. */
  index: number;
  /** The sections written before it, in order. */
  written: WrittenSection[];
  limits: ModelLimits;
  /** The whole post's length, shared by sectionWordTargets. */
  targetWords: number;
  options: WritingOptions;
  /** The template's and the site voice's text, added as written. */
  instructions?: string;
}

const SECTION_SYSTEM = 'You are a content generator for a blog. You write one section at a time of a large-format, very detailed, accurate blog post that reads well and ranks well in search engines.';

export function buildSectionMessages(input: SectionPromptInput): ChatMessage[] {
  const { outline, index, options } = input;
  const section = outline.sections[index]!;
  const words = sectionWordTargets(outline, input.targetWords)[index]!;
  const plan = outlineText(outline, index);
  const instructions = input.instructions?.trim() ?? '';
  const budget = sectionBudget(input.limits, estimateTokens(plan) + estimateTokens(instructions), words);
  return [
    { role: 'system', content: SECTION_SYSTEM },
    {
      role: 'user',
      content: [
        `You are writing the blog post "${outline.title}" section by section, following this outline:`,
        `<outline>\n${plan}\n</outline>`,
        ...earlierText(input.written, budget),
        ...sectionAsks(outline, index),
        `Length: about ${words} words. Language: ${options.language}. Tone: ${options.tone}.`,
        `Answer with this section only, in Markdown, starting with its heading line "${headingLine(section)}". Do not repeat what the earlier sections say, do not write the post title, other sections or EndOFText.`,
        ...(instructions ? [instructions] : []),
      ].join('\n\n'),
    },
  ];
}

const END_MARKER = /[-<\/\s]*EndOFText[->\s]*$/i;
const key = (heading: string) => heading.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A ```markdown fence around the whole answer (not a code sample that happens to end it). */
function unwrapFence(text: string): string {
  const wrapped = /^\s*```(markdown|md|text)?[ \t]*\n([\s\S]*?)\n```\s*$/i.exec(text);
  if (!wrapped || (!wrapped[1] && !wrapped[2]!.trimStart().startsWith('#'))) return text;
  return wrapped[2]!;
}

/**
 * A section answer as it goes into the post: unwrapped, without EndOFText or a title line, and
 * starting with the section's heading at its level (the model's same-level heading is replaced).
 */
export function sectionFromAnswer(answer: string, section: OutlineSection): string {
  const text = unwrapFence(answer.replace(/\r\n?/g, '\n').replace(END_MARKER, '')).replace(END_MARKER, '').trim();
  // A section never has an H1: that is the post title, which the model was told not to write.
  const lines = text.replace(/^(?:#\s[^\n]*\n+)+/, '').split('\n');
  const first = /^\s*(?:(#{1,6})\s+|\*\*)(.+?)(?:\*\*)?\s*#*\s*$/.exec(lines[0] ?? '');
  const same = first && key(first[2]!) === key(section.heading);
  const peer = first?.[1] && first[1].length <= section.level;
  if (same || peer) lines.shift();
  return `${headingLine(section)}\n\n${lines.join('\n').trim()}`.trim();
}
