/**
 * What of an answer still streaming may go into the editor: each short field once the model has
 * finished writing it, and the body up to its last finished block. The unfinished tail is only
 * shown in the popup, never half-parsed into the editor.
 */
import { partialBody } from './answer';
import type { StreamedPost } from './post-fields';


const JSON_STRING = '"((?:[^"\\\\]|\\\\.)*)"';

function jsonField(answer: string, name: string): unknown {
  const string = new RegExp(`"${name}"\\s*:\\s*${JSON_STRING}`).exec(answer);
  const list = string ? undefined : new RegExp(`"${name}"\\s*:\\s*(\\[(?:\\s*${JSON_STRING}\\s*,?)*\\s*\\])`).exec(answer);
  try {
    return string ? JSON.parse(`"${string[1]}"`) : list ? JSON.parse(list[1]!) : undefined;
  } catch {
    return undefined;
  }
}

const LINE_LABELS = { title: 'TITLE', metaDescription: 'META_DESCRIPTION', seoTitle: 'SEO_TITLE', focusKeywords: 'FOCUS_KEYWORDS', tags: 'TAGS', categories: 'CATEGORIES' } as const;
const LISTS = new Set(['focusKeywords', 'tags', 'categories']);

/** A header line of the seed's format, once its line has ended. */
function lineField(answer: string, label: string): string | undefined {
  return new RegExp(`^\\s*[*_]*\\s*${label}\\s*[*_]*\\s*:\\s*[*_]*\\s*(.*?)\\s*[*_]*\\s*\\n`, 'im').exec(answer)?.[1];
}

const split = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

/** The Markdown up to the last blank line outside a code fence: every block before it is finished. */
export function finishedBlocks(markdown: string): string {
  let fence: string | null = null;
  let cut = 0;
  let offset = 0;
  const lines = markdown.split('\n');
  // The last line may still be being written.
  for (const line of lines.slice(0, -1)) {
    offset += line.length + 1;
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && !fence) fence = marker;
    else if (marker && fence && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    else if (!fence && line.trim() === '') cut = offset;
  }
  return markdown.slice(0, cut).trimEnd();
}

export function streamedPost(answer: string): StreamedPost {
  const post: StreamedPost = { body: finishedBlocks(partialBody(answer)) };
  const json = answer.trimStart().startsWith('{');
  const fields = post as Record<keyof typeof LINE_LABELS, string | string[] | undefined>;
  for (const field of Object.keys(LINE_LABELS) as Array<keyof typeof LINE_LABELS>) {
    if (json) {
      const value = jsonField(answer, field);
      if (LISTS.has(field)) { if (Array.isArray(value)) fields[field] = value.filter((item): item is string => typeof item === 'string' && item.trim() !== ''); }
      else if (typeof value === 'string' && value.trim()) fields[field] = value.trim();
    } else {
      const value = lineField(answer, LINE_LABELS[field]);
      if (value === undefined || value === '') continue;
      fields[field] = LISTS.has(field) ? split(value) : value;
    }
  }
  return post;
}
