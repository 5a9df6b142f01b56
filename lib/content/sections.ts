/**
 * A rewrite reviewed section by section: the old and the new Markdown cut at their H2 headings,
 * paired up, and put together again from the version the blogger chose for each section.
 */

/** The Markdown cut before each H2 (outside code fences); what comes before the first is a section too. */
export function splitSections(markdown: string): string[] {
  const sections: string[][] = [[]];
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) fence = fence ? undefined : marker;
    if (!fence && /^## /.test(line) && sections.at(-1)!.some((kept) => kept.trim())) sections.push([]);
    sections.at(-1)!.push(line);
  }
  return sections.map((lines) => lines.join('\n').trim()).filter(Boolean);
}

/** One row of the review: a section as it was and as rewritten (one side missing when added or removed). */
export interface SectionPair { before?: string; after?: string }

const headingOf = (section: string) => (/^## (.*)$/m.exec(section.split('\n')[0] ?? '')?.[1] ?? '').trim().toLowerCase();

/**
 * Pairs the sections: the ones whose heading stayed the same anchor the pairing, and between two
 * anchors the sections are paired in order (a rewrite often renames headings); what is left over
 * was added or removed by the rewrite.
 */
export function pairSections(before: string, after: string): SectionPair[] {
  const a = splitSections(before);
  const b = splitSections(after);
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = headingOf(a[i]!) === headingOf(b[j]!) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: SectionPair[] = [];
  let i = 0;
  let j = 0;
  const pairGap = (endA: number, endB: number) => {
    while (i < endA || j < endB) pairs.push({ ...(i < endA ? { before: a[i++] } : {}), ...(j < endB ? { after: b[j++] } : {}) });
  };
  while (i < a.length && j < b.length) {
    let anchorA = i;
    let anchorB = j;
    // The next pair of same headings on the longest common run.
    while (anchorA < a.length && anchorB < b.length && headingOf(a[anchorA]!) !== headingOf(b[anchorB]!)) {
      if (lengths[anchorA + 1]![anchorB]! >= lengths[anchorA]![anchorB + 1]!) anchorA++;
      else anchorB++;
    }
    // No heading in common any more: the rest pairs up in order.
    if (anchorA === a.length || anchorB === b.length) break;
    pairGap(anchorA, anchorB);
    pairs.push({ before: a[i++], after: b[j++] });
  }
  pairGap(a.length, b.length);
  return pairs;
}

/** The body from each section's chosen version: `true` takes the rewrite, `false` keeps the original. */
export function composeSections(pairs: SectionPair[], useRewrite: boolean[]): string {
  return pairs.map((pair, index) => (useRewrite[index] ?? true ? pair.after : pair.before)).filter(Boolean).join('\n\n');
}
