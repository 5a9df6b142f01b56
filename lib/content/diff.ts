/** Lining up two lists by their longest common subsequence: the rewrite review's diffs and pairings. */

/** Index pairs in order: both set where the items are the same, one side undefined where an item has no counterpart. */
export function align<A, B>(a: readonly A[], b: readonly B[], same: (left: A, right: B) => boolean): Array<[number | undefined, number | undefined]> {
  // Table of LCS lengths from the end; posts are a few hundred paragraphs at most.
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = same(a[i]!, b[j]!) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: Array<[number | undefined, number | undefined]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i]!, b[j]!)) pairs.push([i++, j++]);
    else if (j < b.length && (i >= a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) pairs.push([undefined, j++]);
    else pairs.push([i++, undefined]);
  }
  return pairs;
}

/** A paragraph-level diff, for the rewrite review. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export function splitParagraphs(markdown: string): string[] {
  return markdown.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((part) => part.trim()).filter(Boolean);
}

export function diffParagraphs(before: string, after: string): DiffPart[] {
  const a = splitParagraphs(before);
  const b = splitParagraphs(after);
  return align(a, b, (left, right) => left === right).map(([i, j]): DiffPart => (
    i !== undefined && j !== undefined ? { kind: 'same', text: a[i]! } : j !== undefined ? { kind: 'added', text: b[j]! } : { kind: 'removed', text: a[i!]! }
  ));
}
