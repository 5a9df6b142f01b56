/**
 * The last generations and rewrites, newest first, as pure functions over the stored list (the
 * storage item itself is defined in lib/storage/storage.ts). In zod/mini: the popup reads it.
 */
import * as z from 'zod/mini';
import { UsageSchema } from '../generation/cost';

export const HistoryEntrySchema = /* @__PURE__ */ z.object({
  id: z.string(),
  kind: z.enum(['generate', 'rewrite']),
  /** Epoch milliseconds. */
  at: z.number(),
  topic: z.string(),
  /** The site's origin. */
  site: z.string(),
  postId: z.optional(z.number()),
  title: z.string(),
  metaDescription: z.string(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  /** Markdown. */
  body: z.string(),
  model: z.string(),
  usage: z.optional(UsageSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HISTORY_CAP = 50;
/** chrome.storage.local holds 10 MB in all; the history keeps well under half of it. */
export const HISTORY_MAX_BYTES = 4 * 1024 * 1024;

const encoder = new TextEncoder();

/** Bytes as storage counts them: the JSON, in UTF-8. */
function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/** Puts the entry first (replacing one with its id) and drops the oldest past the cap or the byte limit; the newest always stays. */
export function addEntry(list: readonly HistoryEntry[], entry: HistoryEntry, cap = HISTORY_CAP): HistoryEntry[] {
  const entries = [entry, ...list.filter((old) => old.id !== entry.id)].slice(0, cap);
  // The brackets, then each entry and the comma before it.
  let bytes = 2 + jsonBytes(entry);
  let kept = 1;
  while (kept < entries.length) {
    bytes += 1 + jsonBytes(entries[kept]);
    if (bytes > HISTORY_MAX_BYTES) break;
    kept++;
  }
  return entries.slice(0, kept);
}

/** Case and accents off, so 'cafe' finds 'Café'. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Entries in which every word of the query appears, in the topic, title, site, tags or body. */
export function searchHistory(list: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  return list.filter((entry) => {
    const text = fold([entry.topic, entry.title, entry.site, ...entry.tags, entry.body].join('\n'));
    return words.every((word) => text.includes(word));
  });
}

/** The stored list, keeping only entries that still fit the schema (one written by an older version, or hand-edited, is dropped). */
export function parseHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = HistoryEntrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The entry as one Markdown document, for "Copy". */
export function entryAsMarkdown(entry: HistoryEntry): string {
  return [
    entry.title && `# ${entry.title}`,
    entry.metaDescription,
    entry.tags.length > 0 && `Tags: ${entry.tags.join(', ')}`,
    entry.body.trim(),
  ].filter(Boolean).join('\n\n');
}
