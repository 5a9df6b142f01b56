import { countWords, GeneratedPostSchema, POST_LIMITS, type GeneratedPost } from './post';
import { parseLineFormat, partialLineBody, type LinePost } from './line-format';

/** How the model was asked to answer: structured JSON, or the seed's line format. */
export type AnswerFormat = 'json' | 'lines';

export type AnswerResult =
  | { ok: true; post: GeneratedPost }
  | { ok: false; problems: string[] };

export function extractJson(answer: string): unknown {
  // Tolerate a ```json fence or a sentence around the object.
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start === -1 || end <= start) throw new SyntaxError('no JSON object');
  return JSON.parse(answer.slice(start, end + 1));
}

function looksLikeLineFormat(answer: string): boolean {
  return /^\s*[*_]*\s*TITLE\s*[*_]*\s*:/im.test(answer.slice(0, 400));
}

/**
 * Turns a complete model answer into a validated post, or the list of problems to show the
 * model in a repair request. Never throws: anything a model sends ends here as one or the other.
 */
export function parseAnswer(answer: string): AnswerResult {
  let candidate: unknown;
  if (looksLikeLineFormat(answer) && !answer.trimStart().startsWith('{')) {
    const parsed = parseLineFormat(answer);
    if (!parsed.ok) return { ok: false, problems: parsed.missing.map((field) => `The field "${field}" is missing or empty.`) };
    candidate = parsed.post;
  } else {
    try {
      candidate = extractJson(answer);
    } catch {
      return { ok: false, problems: ['The answer is not a JSON object.'] };
    }
  }
  const result = GeneratedPostSchema.safeParse(candidate);
  if (result.success) return { ok: true, post: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`),
  };
}

/** A post as the model answered it, limits unchecked: what the soft-limit fixes start from. */
export type DraftPost = LinePost;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown) => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
  .map(text).filter(Boolean);

/**
 * Whatever fields an answer has, read leniently from JSON or the line format. Undefined when its
 * body is missing or too short to be the article: only then is the whole post asked for again.
 */
export function readDraft(answer: string): DraftPost | undefined {
  let fields: Record<string, unknown>;
  if (looksLikeLineFormat(answer) && !answer.trimStart().startsWith('{')) {
    const parsed = parseLineFormat(answer);
    fields = { ...(parsed.ok ? parsed.post : parsed.partial) };
  } else {
    try {
      const json = extractJson(answer);
      if (!json || typeof json !== 'object') return undefined;
      fields = json as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const draft = { title: text(fields.title), metaDescription: text(fields.metaDescription), seoTitle: text(fields.seoTitle), focusKeywords: list(fields.focusKeywords), tags: list(fields.tags), categories: list(fields.categories), body: text(fields.body) };
  return countWords(draft.body) >= POST_LIMITS.bodyMinWords ? draft : undefined;
}

function unescapeJsonPrefix(fragment: string): string {
  // Cut a trailing half escape (\ or \u12) so the prefix decodes while it streams.
  const safe = fragment.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return JSON.parse(`"${safe}"`) as string;
  } catch {
    return safe.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
}

/** The article text written so far, for progress and for keeping a cut-off answer readable. */
export function partialBody(answer: string): string {
  if (looksLikeLineFormat(answer)) return partialLineBody(answer);
  const key = /"body"\s*:\s*"/.exec(answer);
  if (!key) return '';
  const rest = answer.slice(key.index + key[0].length);
  const close = /(?<!\\)(?:\\\\)*"/.exec(rest);
  return unescapeJsonPrefix(close ? rest.slice(0, close.index + close[0].length - 1) : rest);
}
