/**
 * A long post in two stages: an outline the blogger shapes (lib/generation/outline.ts), then one
 * streamed request per section (lib/generation/section-context.ts). A section that breaks off is
 * asked for once more on its own; the sections before it are never written again.
 */
import { PressPilotError } from '../errors';
import { fitFields, PartialAnswerError, schemaUnsupported, streamAnswer, wrongLanguage, type SettleRequest, type StreamOutcome, type StreamRequest } from './generate';
import { checkLanguage } from './language-check';
import { buildOutlineMessages, OUTLINE_JSON_SCHEMA, outlineFields, parseOutline, type Outline, type OutlinePromptInput } from './outline';
import { buildRepairMessages, type ChatMessage } from './prompt';
import type { ModelLimits } from './rewrite-budget';
import { buildSectionMessages, sectionFromAnswer, type WrittenSection } from './section-context';
import type { WritingOptions } from './writing';

const OUTLINE_SCHEMA = { name: 'post_outline', schema: OUTLINE_JSON_SCHEMA as unknown as Record<string, unknown> };

export interface OutlineRequest extends StreamRequest {
  input: Omit<OutlinePromptInput, 'format'>;
  /** Start with the line format (the endpoint is known to reject JSON schemas). */
  preferLines?: boolean;
}

const outlineWords = (outline: Outline) => [outline.title, ...outline.sections.map((section) => `${section.heading}. ${section.covers}`)].join('\n');

/** The outline for a topic, asked for again once when it is unreadable or in another language. */
export async function planOutline(request: OutlineRequest): Promise<{ outline: Outline; fellBack: boolean }> {
  let format: 'json' | 'lines' = request.preferLines ? 'lines' : 'json';
  let fellBack = false;
  const messagesFor = (answerFormat: 'json' | 'lines') => buildOutlineMessages({ ...request.input, format: answerFormat });
  const schemaFor = (answerFormat: 'json' | 'lines') => (answerFormat === 'json' ? OUTLINE_SCHEMA : undefined);
  let outcome: StreamOutcome;
  try {
    outcome = await streamAnswer(request, messagesFor(format), schemaFor(format), 'connecting', () => '');
  } catch (error) {
    if (format !== 'json' || !schemaUnsupported(error)) throw error;
    format = 'lines';
    fellBack = true;
    outcome = await streamAnswer(request, messagesFor(format), schemaFor(format), 'connecting', () => '');
  }
  const first = parseOutline(outcome.text);
  const problems = !first.ok ? first.problems
    : checkLanguage(outlineWords(first.outline), request.input.options.language) === 'mismatch' ? [wrongLanguage(request.input.options.language)] : [];
  if (first.ok && problems.length === 0) return { outline: first.outline, fellBack };
  const repaired = await streamAnswer(request, buildRepairMessages(messagesFor(format), outcome.text, problems), schemaFor(format), 'repairing', () => '');
  const second = parseOutline(repaired.text);
  // An outline still in the wrong language is shown to the blogger, who edits it anyway.
  if (second.ok) return { outline: second.outline, fellBack };
  if (first.ok) return { outline: first.outline, fellBack };
  throw new PressPilotError('invalid-output', `The model's outline did not fit the format, even after asking it to fix it (${second.problems.slice(0, 3).join(' ')}). Try again, write it all at once, or pick another model.`, true);
}

/**
 * The planned fields within their limits before the blogger sees them (categories the site has,
 * enough tags), so the post needs no follow-up once its sections are written.
 */
export async function fitOutlineFields(request: SettleRequest, outline: Outline, format: 'json' | 'lines'): Promise<Outline> {
  // The plan stands in for the body the follow-up would otherwise be told about.
  const plan = outline.sections.map((section) => `${'#'.repeat(section.level)} ${section.heading}\n\n${section.covers}`).join('\n\n');
  const { body: _plan, ...fields } = await fitFields(request, { ...outlineFields(outline), body: plan }, format);
  return { ...outline, ...fields };
}

export interface SectionsRequest extends StreamRequest {
  outline: Outline;
  targetWords: number;
  options: WritingOptions;
  limits: ModelLimits;
  /** The template's and the site voice's text. */
  instructions?: string;
  /** Sections already written (a retry goes on from them). */
  written: WrittenSection[];
  /** Told after each finished section, with all of them so far. */
  onSection?: (written: WrittenSection[]) => void;
}

export const joinSections = (sections: readonly WrittenSection[]) => sections.map((section) => section.markdown).join('\n\n');

/** Breaks that another try of the same section may well get past. */
const worthAnotherTry = (error: unknown) => error instanceof PartialAnswerError && error.cause instanceof PressPilotError && ['cut', 'timeout'].includes(error.cause.code);

/** One section: streamed, checked for its language (asked again once), as it goes into the post. */
async function writeSection(request: SectionsRequest, index: number, written: WrittenSection[]): Promise<WrittenSection> {
  const section = request.outline.sections[index]!;
  const before = joinSections(written);
  const bodyOf = (answer: string) => [before, answer.trim() ? sectionFromAnswer(answer, section) : ''].filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = buildSectionMessages({ ...request, index, written });
  const stream = (prompt: ChatMessage[]) => streamAnswer(request, prompt, undefined, 'writing', bodyOf);
  let outcome: StreamOutcome;
  try {
    outcome = await stream(messages);
  } catch (error) {
    if (!worthAnotherTry(error) || request.signal?.aborted) throw error;
    outcome = await stream(messages);
  }
  if (!outcome.text.trim()) throw new PartialAnswerError(new PressPilotError('invalid-output', `The model sent nothing for the section “${section.heading}”. Retry asks for it again.`, true), '');
  if (checkLanguage(outcome.text, request.options.language) === 'mismatch') {
    const again = await stream([...messages, { role: 'assistant', content: outcome.text }, { role: 'user', content: wrongLanguage(request.options.language) }]);
    if (again.text.trim()) outcome = again;
  }
  return { heading: section.heading, markdown: sectionFromAnswer(outcome.text, section) };
}

/** Writes the outline's sections from the first one not written yet; returns all of them. */
export async function writeSections(request: SectionsRequest): Promise<WrittenSection[]> {
  const written = [...request.written];
  for (let index = written.length; index < request.outline.sections.length; index++) {
    written.push(await writeSection(request, index, written));
    request.onSection?.([...written]);
  }
  return written;
}
