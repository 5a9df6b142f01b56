import { describe, expect, it } from 'vitest';
import { OutlineSchema, sectionWordTargets } from '../../lib/generation/outline';
import { estimateTokens } from '../../lib/generation/rewrite-budget';
import { buildSectionMessages, planContext, sectionBudget, sectionFromAnswer, summarizeSection, type WrittenSection } from '../../lib/generation/section-context';
import { WritingOptionsSchema } from '../../lib/generation/writing';

const sentence = (topic: string, index: number) => `Point ${index} about ${topic} matters for every site owner who wants speed.`;
const written = (heading: string, paragraphs = 6): WrittenSection => ({
  heading,
  markdown: `## ${heading}\n\n${Array.from({ length: paragraphs }, (_, index) => `${sentence(heading, index)} It is explained here at some length, with detail after detail.`).join('\n\n')}`,
});

describe('summarizeSection', () => {
  it('keeps the heading and each paragraph’s first sentence, without code, tables or list items', () => {
    const summary = summarizeSection({
      heading: 'Page cache',
      markdown: '## Page cache\n\nA page cache keeps whole pages. It is fast.\n\n```php\ndefine("WP_CACHE", true);\n```\n\n| Plugin | Speed |\n| --- | --- |\n| A | 1 |\n\nTurn it on:\n\n- Install a plugin.\n- Enable it.\n\nPurge it after edits. Or wait.',
    });
    expect(summary).toBe('Page cache: A page cache keeps whole pages. Turn it on: Purge it after edits.');
  });

  it('stops after maxWords words', () => {
    const summary = summarizeSection(written('Speed', 10), 13);
    expect(summary).toBe('Speed: Point 0 about Speed matters for every site owner who wants speed. Point…');
  });

  it('gives the heading alone for a section without prose', () => {
    expect(summarizeSection({ heading: 'Setup', markdown: '## Setup\n\n```sh\nwp plugin install x\n```' })).toBe('Setup');
  });
});

describe('planContext', () => {
  const sections = Array.from({ length: 8 }, (_, index) => written(`Section ${index}`));
  const fullCost = sections.reduce((sum, section) => sum + estimateTokens(section.markdown), 0);
  const planCost = (plan: ReturnType<typeof planContext>) =>
    plan.full.reduce((sum, section) => sum + estimateTokens(section.markdown), 0)
    + plan.summarized.reduce((sum, item) => sum + estimateTokens(item.summary || item.heading), 0);

  it('keeps every section in full while they fit', () => {
    expect(planContext(sections, fullCost)).toEqual({ full: sections, summarized: [] });
  });

  it('summarizes the oldest sections once the full text would not fit, keeping the newest in full', () => {
    const budget = Math.floor(fullCost / 2);
    const plan = planContext(sections, budget);
    expect(plan.summarized.length).toBeGreaterThan(0);
    expect(plan.full.length).toBeGreaterThan(0);
    expect(plan.full.at(-1)).toBe(sections.at(-1));
    expect([...plan.summarized.map((item) => item.heading), ...plan.full.map((section) => section.heading)]).toEqual(sections.map((section) => section.heading));
    expect(plan.summarized[0]!.summary).toBe(summarizeSection(sections[0]!));
    expect(planCost(plan)).toBeLessThanOrEqual(budget);
  });

  it('cuts the oldest to their headings when even the summaries do not fit, and never passes the budget', () => {
    const summaries = sections.reduce((sum, section) => sum + estimateTokens(summarizeSection(section)), 0);
    const plan = planContext(sections, summaries - 10);
    expect(plan.full).toEqual([]);
    expect(plan.summarized[0]).toEqual({ heading: 'Section 0', summary: '' });
    expect(plan.summarized.at(-1)!.summary).toBe(summarizeSection(sections.at(-1)!));
    expect(planCost(plan)).toBeLessThanOrEqual(summaries - 10);
    expect(planCost(planContext(sections, 5))).toBeLessThanOrEqual(5);
  });
});

describe('sectionBudget', () => {
  it('leaves the context less the outline, the expected answer and the prompt, never below 0', () => {
    const limits = { contextTokens: 32_000, maxOutputTokens: 4_000 };
    const roomy = sectionBudget(limits, 2_000, 400);
    expect(roomy).toBeLessThan(32_000 - 2_000 - 400 * 1.4);
    expect(roomy).toBeGreaterThan(32_000 - 2_000 - 400 * 1.4 * 2 - 1_500);
    // An answer is at most the model's output limit, however long the target.
    expect(sectionBudget(limits, 2_000, 100_000)).toBeGreaterThan(20_000);
    expect(sectionBudget(limits, 2_000, 100_000)).toBe(sectionBudget(limits, 2_000, 10_000));
    expect(sectionBudget(limits, 2_000, 500)).toBeLessThan(roomy);
    expect(sectionBudget({ contextTokens: 4_000, maxOutputTokens: 4_000 }, 3_000, 1_000)).toBe(0);
  });
});

describe('buildSectionMessages', () => {
  const outline = OutlineSchema.parse({
    title: 'Caching for WordPress', metaDescription: 'd', tags: [], categories: [],
    sections: [
      { heading: 'Why cache', level: 2, covers: 'What caching saves on each visit' },
      { heading: 'Kinds of cache', level: 2, covers: 'The caches a site can use' },
      { heading: 'Page cache', level: 3, covers: 'Whole pages kept as HTML', extras: ['table', 'code'] },
      { heading: 'Object cache', level: 3, covers: 'Database results in memory' },
      { heading: 'Conclusion', level: 2, covers: 'What to do first' },
    ],
  });
  const options = WritingOptionsSchema.parse({ tone: 'professional', language: 'French' });
  const base = { outline, targetWords: 3_000, options, limits: { contextTokens: 128_000, maxOutputTokens: 16_000 } };
  const earlier = [written('Why cache'), written('Kinds of cache', 1)];

  it('carries the outline with the section to write marked, its covers text, extras, target, language and tone', () => {
    const [system, user] = buildSectionMessages({ ...base, index: 2, written: earlier, instructions: 'House style: short sentences.' });
    const content = user!.content;
    expect(system!.content).toMatch(/one section at a time/);
    for (const heading of ['## Why cache | What caching saves', '## Kinds of cache', '### Object cache', '## Conclusion']) expect(content).toContain(heading);
    expect(content).toMatch(/→ ### Page cache \| Whole pages kept as HTML \[table, code\]\s+← write this one now/);
    expect(content).toContain('Write now the section "Page cache", which covers: Whole pages kept as HTML');
    expect(content).toMatch(/a table, a code sample in a fenced block/);
    expect(content).toContain(`Length: about ${sectionWordTargets(outline, 3_000)[2]} words. Language: French. Tone: professional.`);
    expect(content).toContain('starting with its heading line "### Page cache"');
    expect(content).toMatch(/do not write the post title.*EndOFText/i);
    expect(content).toContain(earlier[0]!.markdown);
    expect(content.endsWith('House style: short sentences.')).toBe(true);
  });

  it('carries summaries of the older sections when the full text does not fit the context', () => {
    const long = Array.from({ length: 4 }, (_, index) => written(`Part ${index}`, 40));
    const full = long.reduce((sum, section) => sum + estimateTokens(section.markdown), 0);
    const limits = { contextTokens: full + 1_000, maxOutputTokens: 4_000 };
    const content = buildSectionMessages({ ...base, limits, index: 4, written: long })[1]!.content;
    expect(content).toContain(`- ${summarizeSection(long[0]!)}`);
    expect(content).not.toContain(long[0]!.markdown);
    expect(content).toContain(long[3]!.markdown);
  });

  it('says an H2 with H3s after it is only their introduction, and that the first section has nothing before it', () => {
    const intro = buildSectionMessages({ ...base, index: 1, written: earlier.slice(0, 1) })[1]!.content;
    expect(intro).toContain('Its subsections ("Page cache", "Object cache") are written separately after it: write only its introduction');
    const first = buildSectionMessages({ ...base, index: 0, written: [] })[1]!.content;
    expect(first).toContain('nothing is written yet');
    expect(first).not.toContain('subsections');
  });
});

describe('sectionFromAnswer', () => {
  const h2 = { heading: 'Page cache', level: 2 as const, covers: '', extras: [] };
  const h3 = { ...h2, level: 3 as const };

  it.each([
    ['an answer as asked', '## Page cache\n\nText.', h2, '## Page cache\n\nText.'],
    ['a missing heading', 'Text.\n\nMore.', h2, '## Page cache\n\nText.\n\nMore.'],
    ['a heading at the wrong level', '## Page Cache\n\nText.', h3, '### Page cache\n\nText.'],
    ['a reworded heading at the same level', '### Caching whole pages\n\nText.', h3, '### Page cache\n\nText.'],
    ['a sub-heading first', '#### Setup\n\nText.', h3, '### Page cache\n\n#### Setup\n\nText.'],
    ['a bold heading', '**Page cache**\n\nText.', h2, '## Page cache\n\nText.'],
    ['the post title first', '# Caching for WordPress\n\n## Page cache\n\nText.', h2, '## Page cache\n\nText.'],
    ['a fence around it all and EndOFText', '```markdown\n## Page cache\n\nText.\n```\nEndOFText', h2, '## Page cache\n\nText.'],
    ['EndOFText inside the fence', '```\n## Page cache\n\nText.\n\n-EndOFText-\n```', h2, '## Page cache\n\nText.'],
  ])('normalizes %s', (_, answer, section, expected) => {
    expect(sectionFromAnswer(answer, section)).toBe(expected);
  });

  it('keeps a code sample that ends the section', () => {
    const answer = '```\nnpm i\n```\n\nText.\n\n```\nnpm run\n```';
    expect(sectionFromAnswer(answer, h2)).toBe(`## Page cache\n\n${answer}`);
  });
});
