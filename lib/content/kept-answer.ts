/**
 * The model's rewrite checked against the blocks kept out of it (kept-blocks.ts): a placeholder it
 * left out goes back where it was, one it made up or repeated goes away, and the review says so.
 * Pure Markdown work (marked's lexer), so it runs wherever the finished answer is.
 */
import { Lexer, type Token } from 'marked';
import type { KeptBlocks } from './kept-blocks';
import { PLACEHOLDER_ANYWHERE, placeholder, placeholderId } from './placeholder';

export interface KeptReport {
  /** Ids the model left out, put back. */
  dropped: string[];
  /** Ids the model wrote that the post has no block for, removed. */
  invented: string[];
  /** Ids the model wrote more than once; the first stays. */
  duplicated: string[];
  /** One plain sentence or two for the review; '' when every kept block came back once. */
  summary: string;
}

type Piece = { text: string } | { id: string };

const normalized = (markdown: string) => markdown.replace(/\s+/g, ' ').trim();

/**
 * The answer as text blocks and placeholders. A placeholder line inside a paragraph (the model
 * left no blank line around it) is a block of its own; one inside a sentence, heading, list or
 * quote is no block and is taken out (a code block is left as it is).
 */
function piecesOf(tokens: Token[]): { pieces: Piece[]; reshaped: boolean } {
  const pieces: Piece[] = [];
  let reshaped = false;
  const addText = (text: string) => {
    const stripped = text.replace(PLACEHOLDER_ANYWHERE, '');
    reshaped ||= stripped !== text;
    if (stripped.trim()) pieces.push({ text: stripped.replace(/^\n+/, '').trimEnd() });
  };
  for (const token of tokens) {
    if (token.type === 'space') continue;
    if (token.type === 'code') pieces.push({ text: token.raw.trimEnd() });
    else if (token.type !== 'paragraph') addText(token.raw);
    else {
      const lines = token.raw.trimEnd().split('\n');
      let run: string[] = [];
      for (const line of lines) {
        const id = placeholderId(line);
        if (id === undefined) {
          run.push(line);
          continue;
        }
        reshaped ||= lines.length > 1;
        if (run.length) addText(run.join('\n'));
        run = [];
        pieces.push({ id });
      }
      if (run.length) addText(run.join('\n'));
    }
  }
  return { pieces, reshaped };
}

/** Where a left-out block goes: after the block it followed, else after as many text blocks as before. */
function insertionIndex(pieces: Piece[], id: string, kept: KeptBlocks): number {
  const { after, textsBefore } = kept[id]!;
  const order = Number(id);
  // The kept blocks still there, before and after it in the post, bound the search.
  let lower = -1;
  let lowerId: number | undefined;
  let upper = pieces.length;
  let upperId: number | undefined;
  pieces.forEach((piece, index) => {
    if (!('id' in piece)) return;
    const other = Number(piece.id);
    if (other < order && (lowerId === undefined || other > lowerId)) [lower, lowerId] = [index, other];
    if (other > order && (upperId === undefined || other < upperId)) [upper, upperId] = [index, other];
  });
  if (upper <= lower) upper = pieces.length;
  // Every earlier kept block is in place by now (they go back in order): one that followed another goes right after it.
  if (after === '' || placeholderId(after) !== undefined) return lower + 1;
  const same = pieces.findIndex((piece, index) => index > lower && index < upper && 'text' in piece && normalized(piece.text) === normalized(after));
  if (same !== -1) return same + 1;
  let texts = lowerId === undefined ? textsBefore : textsBefore - kept[String(lowerId)]!.textsBefore;
  let index = lower + 1;
  while (texts > 0 && index < upper) if ('text' in pieces[index++]!) texts--;
  return index;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function summarize({ dropped, invented, duplicated }: Omit<KeptReport, 'summary'>): string {
  const sentences: string[] = [];
  if (dropped.length) {
    sentences.push(`The model left out ${count(dropped.length, 'block', 'blocks')} it could not rewrite (an embed, gallery, button or the like); `
      + `${dropped.length === 1 ? 'it is back where it was' : 'they are back where they were'}.`);
  }
  if (invented.length) sentences.push(`It referred to ${count(invented.length, 'block', 'blocks')} the post does not have; nothing was added for ${invented.length === 1 ? 'it' : 'them'}.`);
  if (duplicated.length) sentences.push(`It repeated ${count(duplicated.length, 'kept block', 'kept blocks')}; each stays once, where it came first.`);
  return sentences.join(' ');
}

/**
 * The finished answer with every kept block's placeholder exactly once: left-out ones put back,
 * made-up and repeated ones removed. An answer that needed nothing comes back as it was.
 */
export function restorePlaceholders(answer: string, kept: KeptBlocks): { markdown: string; report: KeptReport } {
  const { pieces: written, reshaped } = piecesOf(new Lexer({ gfm: true }).lex(answer));
  const seen = new Set<string>();
  const report: Omit<KeptReport, 'summary'> = { dropped: [], invented: [], duplicated: [] };
  const pieces = written.filter((piece) => {
    if (!('id' in piece)) return true;
    const known = Object.hasOwn(kept, piece.id);
    const first = known && !seen.has(piece.id);
    if (!known) report.invented.push(piece.id);
    else if (!first) report.duplicated.push(piece.id);
    seen.add(piece.id);
    return first;
  });
  report.dropped = Object.keys(kept).filter((id) => !seen.has(id)).sort((a, b) => Number(a) - Number(b));
  for (const id of report.dropped) pieces.splice(insertionIndex(pieces, id, kept), 0, { id });
  const clean = !reshaped && !report.dropped.length && !report.invented.length && !report.duplicated.length;
  const markdown = clean ? answer : pieces.map((piece) => ('id' in piece ? placeholder(piece.id) : piece.text)).join('\n\n');
  return { markdown, report: { ...report, summary: summarize(report) } };
}
