/** A post's address from its focus keyphrase: short, lowercase, without the words search ignores. */

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'how', 'in', 'is', 'it', 'of', 'on', 'or',
  'the', 'to', 'what', 'when', 'where', 'which', 'who', 'why', 'with', 'your', 'you', 'this', 'that', 'into',
]);
const MAX_WORDS = 6;
const MAX_LENGTH = 60;

export function slugFromKeyphrase(keyphrase: string): string {
  const words = keyphrase.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const kept = words.filter((word) => !STOP_WORDS.has(word));
  let slug = '';
  for (const word of (kept.length ? kept : words).slice(0, MAX_WORDS)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_LENGTH) break;
    slug = next;
  }
  return slug;
}
