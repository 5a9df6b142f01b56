/**
 * Parser of the seed prompt's answer format (seeds/000):
 *   TITLE: ... / META_DESCRIPTION: ... / TAGS: a, b / CATEGORIES: a, b / Markdown body / EndOFText
 * with SEO_TITLE and FOCUS_KEYWORDS between the description and the tags (optional: the seed has none).
 * Models bend it (bold labels, a ```markdown wrapper, "-EndOFText-", "</EndOFText>", a
 * MARKDOWN_POST_CONTENT: label), so the parser is lenient about form and strict about content.
 */

export interface LinePost {
  title: string;
  metaDescription: string;
  seoTitle: string;
  focusKeywords: string[];
  tags: string[];
  categories: string[];
  body: string;
}

export type LineFormatResult =
  | { ok: true; post: LinePost }
  | { ok: false; missing: Array<keyof LinePost>; partial: LinePost };

const FIELD_LABELS = {
  title: ['TITLE', 'POST_TITLE'],
  metaDescription: ['META_DESCRIPTION', 'META DESCRIPTION', 'DESCRIPTION', 'POST_DESCRIPTION'],
  seoTitle: ['SEO_TITLE', 'SEO TITLE'],
  focusKeywords: ['FOCUS_KEYWORDS', 'FOCUS KEYWORDS', 'FOCUS_KEYPHRASES', 'KEYWORDS'],
  tags: ['TAGS', 'POST_TAGS'],
  categories: ['CATEGORIES', 'POST_CATEGORIES'],
} as const;
type HeaderField = keyof typeof FIELD_LABELS;

const END_MARKER = /[-<\/\s]*EndOFText[->\s]*$/i;
const BODY_LABEL = /^\s*\**\s*(MARKDOWN_POST_CONTENT|POST_CONTENT|CONTENT|BODY)\s*\**\s*:\s*\**/i;

/** `**TITLE:** x`, `TITLE: x`, `Title - x` → ['title', 'x'] */
function matchHeader(line: string): [HeaderField, string] | undefined {
  const match = /^\s*[*_#>\s]*([A-Za-z_ ]{4,20}?)\s*[*_]*\s*[:\-–]\s*[*_]*\s*(.*)$/.exec(line);
  if (!match) return undefined;
  const label = match[1]!.trim().toUpperCase();
  for (const [field, labels] of Object.entries(FIELD_LABELS) as Array<[HeaderField, readonly string[]]>) {
    if (labels.includes(label)) return [field, match[2]!.replace(/[*_]+\s*$/, '').trim()];
  }
  return undefined;
}

function splitList(value: string): string[] {
  return value.split(/[,;،、，]/).map((item) => item.replace(/^[\s"'#*]+|[\s"'*.]+$/g, '')).filter(Boolean);
}

function stripWrapper(text: string): string {
  // Some models wrap the whole answer in ```markdown ... ```.
  const wrapped = /^\s*```(?:markdown|md|text)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  return wrapped ? wrapped[1]! : text;
}

export function parseLineFormat(answer: string): LineFormatResult {
  const lines = stripWrapper(answer.replace(/\r\n?/g, '\n')).split('\n');
  const header: Partial<Record<HeaderField, string>> = {};
  let bodyStart = lines.length;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const found = matchHeader(line);
    if (found && header[found[0]] === undefined) {
      header[found[0]] = found[1];
      continue;
    }
    // The body starts at the first line that is not a header once all headers are seen,
    // or at any non-header line after at least the title (models sometimes skip a field).
    if (header.title !== undefined) {
      bodyStart = index;
      break;
    }
  }
  const bodyLines = lines.slice(bodyStart);
  if (bodyLines.length > 0 && BODY_LABEL.test(bodyLines[0]!)) bodyLines[0] = bodyLines[0]!.replace(BODY_LABEL, '');
  const body = bodyLines.join('\n').replace(END_MARKER, '').trim();

  const post: LinePost = {
    title: (header.title ?? '').replace(/^["']|["']$/g, '').trim(),
    metaDescription: (header.metaDescription ?? '').trim(),
    seoTitle: (header.seoTitle ?? '').replace(/^["']|["']$/g, '').trim(),
    focusKeywords: splitList(header.focusKeywords ?? ''),
    tags: splitList(header.tags ?? ''),
    categories: splitList(header.categories ?? ''),
    body,
  };
  const required: Array<keyof LinePost> = ['title', 'metaDescription', 'tags', 'categories', 'body'];
  const missing = required.filter((key) => post[key].length === 0);
  return missing.length === 0 ? { ok: true, post } : { ok: false, missing, partial: post };
}

/** The body written so far in a line-format answer that is still streaming. */
export function partialLineBody(answer: string): string {
  const categories = /^\s*[*_]*\s*(?:POST_)?CATEGORIES\s*[*_]*\s*:[^\n]*\n/im.exec(answer);
  if (!categories) return '';
  return answer.slice(categories.index + categories[0].length).replace(BODY_LABEL, '').replace(END_MARKER, '').trimStart();
}
