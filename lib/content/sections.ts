/**
 * A rewrite reviewed section by section: the old and the new Markdown cut at their H2 headings,
 * paired up, and put together again from the version the blogger chose for each section.
 */
import { align } from './diff';

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
  const pairs: SectionPair[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const pairGap = () => {
    for (let index = 0; index < Math.max(removed.length, added.length); index++) {
      pairs.push({ ...(index < removed.length ? { before: removed[index] } : {}), ...(index < added.length ? { after: added[index] } : {}) });
    }
    removed = [];
    added = [];
  };
  for (const [i, j] of align(a, b, (left, right) => headingOf(left) === headingOf(right))) {
    if (i !== undefined && j !== undefined) {
      pairGap();
      pairs.push({ before: a[i], after: b[j] });
    } else if (i !== undefined) removed.push(a[i]!);
    else added.push(b[j!]!);
  }
  pairGap();
  return pairs;
}

/** The body from each section's chosen version: `true` takes the rewrite, `false` keeps the original. */
export function composeSections(pairs: SectionPair[], useRewrite: boolean[]): string {
  return pairs.map((pair, index) => (useRewrite[index] ?? true ? pair.after : pair.before)).filter(Boolean).join('\n\n');
}
