/**
 * Serialized block-editor markup cut into its top-level blocks, each as the exact text it has in
 * the post (so `wp.blocks.parse` gives the same block back), and which of them Markdown carries.
 */

/**
 * A block delimiter, as WordPress's own block parser (@wordpress/block-serialization-default-parser)
 * reads it: `<!-- wp:name {attributes} -->`, `<!-- /wp:name -->` or `<!-- wp:name /-->`. The
 * serializer escapes `--` inside attributes, so they never hold `-->`; `(?:[^-]|-(?!->))*?` stops
 * at the first one, in one pass.
 */
const DELIMITER = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(\{(?:[^-]|-(?!->))*?\}\s+)?(\/)?-->/g;

export interface TopLevelPiece {
  /** The block's name with its namespace (`core/paragraph`); null for text between blocks (a Classic block). */
  name: string | null;
  /** Its exact text in the markup. */
  markup: string;
  /** The names of the blocks inside it. */
  inner: string[];
  /** Whether its opening delimiter has attributes. */
  hasAttributes: boolean;
}

const fullName = (name: string) => (name.includes('/') ? name : `core/${name}`);

/** True when the markup has block delimiters at all (a post never opened in the block editor has none). */
export const hasBlockDelimiters = (markup: string): boolean => new RegExp(DELIMITER.source).test(markup);

/** The top-level blocks and the text between them, in order; together they are the whole markup. */
export function topLevelPieces(markup: string): TopLevelPiece[] {
  const pieces: TopLevelPiece[] = [];
  let depth = 0;
  let start = 0;
  let current: TopLevelPiece | undefined;
  const addText = (end: number) => {
    if (end > start) pieces.push({ name: null, markup: markup.slice(start, end), inner: [], hasAttributes: false });
  };
  for (const match of markup.matchAll(DELIMITER)) {
    const [text, closing, name, attributes, selfClosing] = match;
    const at = match.index;
    if (depth === 0 && closing) continue; // A closer with no opener is text of the Classic block around it.
    if (depth === 0) {
      addText(at);
      start = at;
      current = { name: fullName(name!), markup: '', inner: [], hasAttributes: Boolean(attributes) };
    } else if (!closing) {
      current!.inner.push(fullName(name!));
    }
    depth += selfClosing ? 0 : closing ? -1 : 1;
    if (depth === 0) {
      current!.markup = markup.slice(start, at + text.length);
      pieces.push(current!);
      start = at + text.length;
    }
  }
  // A block left open runs to the end of the markup.
  if (depth > 0) pieces.push({ ...current!, markup: markup.slice(start) });
  else addText(markup.length);
  return pieces;
}

/**
 * Blocks whose whole content Markdown says, so the model may rewrite them: text, lists, quotes of
 * text, tables and code. Their presentation attributes (alignment, colours, font size, drop cap)
 * do not survive a rewrite; everything else (images, embeds, galleries, columns, groups, buttons,
 * covers, media-text, details, preformatted and verse text, shortcodes, HTML, third-party blocks)
 * is kept as it is.
 */
const CARRIED = new Set(['core/paragraph', 'core/heading', 'core/list', 'core/list-item', 'core/quote', 'core/table', 'core/code']);
/** Carried only without attributes: a styled separator (`is-style-dots`) is more than `---`. */
const CARRIED_PLAIN = new Set(['core/separator']);

/** Whether Markdown carries this piece; a table or code block is checked on its HTML as well (kept-blocks.ts). */
export function markdownCarries(piece: TopLevelPiece): boolean {
  if (piece.name === null) return false;
  const carried = CARRIED.has(piece.name) || (CARRIED_PLAIN.has(piece.name) && !piece.hasAttributes);
  return carried && piece.inner.every((name) => CARRIED.has(name));
}
