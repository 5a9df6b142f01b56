/** A paragraph-level diff (longest common subsequence), for the rewrite review. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export function splitParagraphs(markdown: string): string[] {
  return markdown.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((part) => part.trim()).filter(Boolean);
}

export function diffParagraphs(before: string, after: string): DiffPart[] {
  const a = splitParagraphs(before);
  const b = splitParagraphs(after);
  // Table of LCS lengths from the end; posts are a few hundred paragraphs at most.
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      parts.push({ kind: 'added', text: b[j++]! });
    } else {
      parts.push({ kind: 'removed', text: a[i++]! });
    }
  }
  return parts;
}
