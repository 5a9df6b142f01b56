/**
 * A post body as editor-neutral blocks, built in the extension from the model's Markdown and
 * already sanitized: every `html` field is safe inline or block HTML, `code` is plain text.
 * A `kept` block is the exception: its `html` is the post's own fragment (block markup with its
 * delimiters, or classic/Elementor HTML) that a rewrite kept out of the model's hands; only an
 * id the extension kept when it read the post makes one (kept-blocks.ts), never model output.
 * The page world turns these into native blocks or widgets and never parses Markdown itself.
 * (Checked on arrival by BodyBlockSchema in lib/editors/adapter.ts.)
 */
export type BodyBlock =
  | { type: 'heading'; level: number; html: string }
  | { type: 'paragraph'; html: string }
  | { type: 'list'; ordered: boolean; html: string }
  | { type: 'quote'; html: string }
  | { type: 'table'; html: string }
  | { type: 'code'; language: string; code: string }
  | { type: 'separator' }
  | { type: 'kept'; id: string; html: string };

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Code as HTML, its language kept the way highlighters (Prism, highlight.js) look for it. */
export function codeBlockHtml(code: string, language: string): string {
  const lang = language.replace(/[^\w+#.-]/g, '');
  return `<pre${lang ? ` class="language-${lang}"` : ''}><code${lang ? ` class="language-${lang}"` : ''}>${escapeHtml(code)}</code></pre>`;
}

/** One block as HTML; the pieces are sanitized already, so this only wraps them. */
export function blockToHtml(block: BodyBlock): string {
  switch (block.type) {
    case 'heading': return `<h${block.level}>${block.html}</h${block.level}>`;
    case 'paragraph': return `<p>${block.html}</p>`;
    case 'code': return codeBlockHtml(block.code, block.language);
    case 'separator': return '<hr>';
    // The fragment as the post had it: classic and Elementor take it as HTML.
    case 'kept': return block.html;
    default: return block.html;
  }
}

export function bodyToHtml(blocks: BodyBlock[]): string {
  return blocks.map(blockToHtml).join('\n');
}
