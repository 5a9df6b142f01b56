import { z } from 'zod';

/**
 * A post body as editor-neutral blocks, built in the extension from the model's Markdown and
 * already sanitized: every `html` field is safe inline or block HTML, `code` is plain text.
 * The page world turns these into native blocks or widgets and never parses Markdown itself.
 */
export const BodyBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), html: z.string() }),
  z.object({ type: z.literal('paragraph'), html: z.string() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), html: z.string() }),
  z.object({ type: z.literal('quote'), html: z.string() }),
  z.object({ type: z.literal('table'), html: z.string() }),
  z.object({ type: z.literal('code'), language: z.string(), code: z.string() }),
  z.object({ type: z.literal('separator') }),
]);

export type BodyBlock = z.infer<typeof BodyBlockSchema>;

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
