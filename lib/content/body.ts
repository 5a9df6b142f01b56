/**
 * A post body as editor-neutral blocks, built in the extension from the model's Markdown and
 * already sanitized: every `html` field is safe inline or block HTML, `code` is plain text.
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
  | { type: 'separator' };

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
    default: return block.html;
  }
}

export function bodyToHtml(blocks: BodyBlock[]): string {
  return blocks.map(blockToHtml).join('\n');
}
