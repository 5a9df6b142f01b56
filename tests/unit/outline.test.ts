import { describe, expect, it } from 'vitest';
import { addSection, buildOutlineMessages, changeSection, checkEditedOutline, moveSection, OUTLINE_JSON_SCHEMA, OutlineSchema, parseOutline, removeSection, sectionWordTargets, type Outline, type OutlineSection } from '../../lib/generation/outline';
import { WritingOptionsSchema } from '../../lib/generation/writing';

const fields = { title: 'Caching for WordPress', metaDescription: 'How caching makes a site fast.', seoTitle: 'WordPress caching', focusKeywords: ['wordpress caching'], tags: ['cache', 'speed', 'wordpress'], categories: ['Performance'] };
const section = (heading: string, level: 2 | 3 = 2, more: Partial<Outline['sections'][number]> = {}) => ({ heading, level, covers: `What ${heading} is about.`, extras: [], ...more });

describe('the outline schema', () => {
  it('takes a plan, defaults what a section may leave out, and cleans Markdown off headings', () => {
    const outline = OutlineSchema.parse({ ...fields, sections: [{ heading: '## **Why cache**', level: 2 }, { heading: ' Page cache ', level: 3, extras: ['table', 'table', 'code'] }] });
    expect(outline.sections).toEqual([
      { heading: 'Why cache', level: 2, covers: '', extras: [] },
      { heading: 'Page cache', level: 3, covers: '', extras: ['table', 'code'] },
    ]);
  });

  it.each([
    ['no section', [], 'sections', /at least one section/],
    ['41 sections', Array.from({ length: 41 }, (_, index) => section(`S${index}`)), 'sections', /at most 40/],
    ['an H3 first', [section('A', 3)], 'sections', /first section must be an H2/],
    ['an empty heading', [section('  ')], 'sections.0.heading', /empty/],
    ['a heading over 120 characters', [section('x'.repeat(121))], 'sections.0.heading', /at most 120/],
    ['a level 4', [{ ...section('A'), level: 4 }], 'sections.0.level', /2 \(##\) or 3/],
    ['covers over 600 characters', [section('A', 2, { covers: 'x'.repeat(601) })], 'sections.0.covers', /at most 600/],
    ['an unknown extra', [{ ...section('A'), extras: ['chart'] }], 'sections.0.extras.0', /"table", "list" or "code"/],
    ['a word target of 0', [section('A', 2, { words: 0 })], 'sections.0.words', /positive/],
    ['a word target that is not whole', [section('A', 2, { words: 120.5 })], 'sections.0.words', /./],
  ])('refuses %s', (_, sections, path, message) => {
    const result = OutlineSchema.safeParse({ ...fields, sections });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain(path);
    expect(result.error!.issues.find((issue) => issue.path.join('.') === path)!.message).toMatch(message);
  });

  it('takes 40 sections and headings of 120 characters', () => {
    expect(OutlineSchema.safeParse({ ...fields, sections: Array.from({ length: 40 }, () => section('x'.repeat(120))) }).success).toBe(true);
  });

  it('gives a strict-mode JSON schema: every property required, nothing else allowed, no length keywords', () => {
    const items = OUTLINE_JSON_SCHEMA.properties.sections.items;
    expect(OUTLINE_JSON_SCHEMA.required).toEqual(Object.keys(OUTLINE_JSON_SCHEMA.properties));
    expect(items.required).toEqual(Object.keys(items.properties));
    expect([OUTLINE_JSON_SCHEMA.additionalProperties, items.additionalProperties]).toEqual([false, false]);
    expect(JSON.stringify(OUTLINE_JSON_SCHEMA)).not.toMatch(/"(min|max)\w*"/);
  });
});

describe('the outline prompt', () => {
  const options = WritingOptionsSchema.parse({ tone: 'friendly', language: 'German' });
  const input = { topic: ' Caching ', options, targetWords: 6_000, siteCategories: ['Uncategorized', 'Performance'], allowNewCategories: false };

  it('asks for the fields and the section plan in the line format, with the site’s categories and the instructions', () => {
    const [system, user] = buildOutlineMessages({ ...input, format: 'lines', instructions: 'A how-to guide.\nNo jargon.' });
    expect(system!.content).toMatch(/plan/);
    expect(user!.content).toContain('Plan a blog post about this topic: Caching');
    expect(user!.content).toContain('Language: German. Tone: friendly. Length: about 6000 words');
    expect(user!.content).toMatch(/TITLE: .*\nMETA_DESCRIPTION: .*\nSEO_TITLE: .*\nFOCUS_KEYWORDS: .*\nTAGS: .*\nCATEGORIES: /);
    expect(user!.content).toContain('## <heading> | <what it covers> | <extras');
    expect(user!.content).toContain('### <heading>');
    expect(user!.content).toMatch(/EndOFText/);
    expect(user!.content).toContain('chosen from: "Performance". Use only names from this list');
    expect(user!.content).not.toContain('Uncategorized');
    expect(user!.content.endsWith('A how-to guide.\nNo jargon.')).toBe(true);
  });

  it('asks for a JSON object when the endpoint takes a schema, and caps the length at 6,000 words', () => {
    const [, user] = buildOutlineMessages({ ...input, targetWords: 9_000, allowNewCategories: true, format: 'json' });
    expect(user!.content).toContain('Answer with one JSON object');
    expect(user!.content).not.toContain('TITLE:');
    expect(user!.content).toContain('about 6000 words');
    expect(user!.content).toContain('Only if none fits, name a new one.');
  });
});

describe('parseOutline', () => {
  it('reads a JSON answer, even in a fence', () => {
    const answer = '```json\n' + JSON.stringify({ ...fields, sections: [section('Why cache'), section('Page cache', 3, { extras: ['code'] })] }) + '\n```';
    const result = parseOutline(answer);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.outline.sections.map((item) => [item.heading, item.level, item.extras])).toEqual([['Why cache', 2, []], ['Page cache', 3, ['code']]]);
  });

  it('reads the line format with bold labels, bullets, H3s, extras and EndOFText', () => {
    const answer = [
      '**TITLE:** Caching for WordPress', '**META_DESCRIPTION:** How caching makes a site fast.', 'SEO_TITLE: WordPress caching',
      'FOCUS_KEYWORDS: wordpress caching, page cache', 'TAGS: cache, speed, wordpress', 'CATEGORIES: Performance', '',
      '- ## Why cache | What caching saves on each visit |',
      '- ### Page cache | Whole pages kept as HTML | table, code',
      '### **Object cache** | Database results kept in memory | bullets',
      '## Measuring',
      'How to see the difference before and after.',
      '## Conclusion | What to do first', '', 'EndOFText',
    ].join('\n');
    const result = parseOutline(answer);
    expect(result).toMatchObject({ ok: true, outline: { title: 'Caching for WordPress', focusKeywords: ['wordpress caching', 'page cache'], categories: ['Performance'] } });
    if (!result.ok) return;
    expect(result.outline.sections).toEqual([
      { heading: 'Why cache', level: 2, covers: 'What caching saves on each visit', extras: [] },
      { heading: 'Page cache', level: 3, covers: 'Whole pages kept as HTML', extras: ['table', 'code'] },
      { heading: 'Object cache', level: 3, covers: 'Database results kept in memory', extras: ['list'] },
      { heading: 'Measuring', level: 2, covers: 'How to see the difference before and after.', extras: [] },
      { heading: 'Conclusion', level: 2, covers: 'What to do first', extras: [] },
    ]);
  });

  it('does not take a closing remark after the plan as part of a section', () => {
    const result = parseOutline('TITLE: T\nMETA_DESCRIPTION: D\nTAGS: a\nCATEGORIES: b\n\n## One | First part\n\nHope this helps!');
    expect(result.ok && result.outline.sections[0]!.covers).toBe('First part');
    const ended = parseOutline('TITLE: T\nTAGS: a\nCATEGORIES: b\n\n## One | First part\n## Two\nEndOFText\n\nWant changes?');
    expect(ended.ok && ended.outline.sections[1]).toEqual({ heading: 'Two', level: 2, covers: '', extras: [] });
  });

  it('reads the sections of an answer that left out its TITLE line, and names only the title as missing', () => {
    const result = parseOutline('## One | a\n### Two | b');
    expect(result).toEqual({ ok: false, problems: ['title: The title is empty.'] });
  });

  it.each([
    ['prose', 'Sorry, I cannot help with that.', /neither a JSON object nor the outline format/],
    ['a JSON object without sections', JSON.stringify({ title: 'T' }), /sections: The sections are missing/],
    ['a line answer without sections', 'TITLE: T\nTAGS: a\nCATEGORIES: b\n\nJust some text.', /sections: Plan at least one section/],
  ])('lists the problems of %s', (_, answer, problem) => {
    const result = parseOutline(answer);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(problem);
  });
});

describe('sectionWordTargets', () => {
  const outline = (sections: ReturnType<typeof section>[]) => OutlineSchema.parse({ ...fields, sections });
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  it('shares the post’s length: an H3 less than an H2, an H2 that only introduces its H3s least', () => {
    const targets = sectionWordTargets(outline([section('Intro'), section('Kinds'), section('Page', 3), section('Object', 3), section('End')]), 3_000);
    expect(Math.abs(sum(targets) - 3_000)).toBeLessThanOrEqual(3);
    const [intro, kinds, page, object, end] = targets as [number, number, number, number, number];
    expect(page).toBeLessThan(intro);
    expect(page).toBe(object);
    expect(kinds).toBeLessThan(page);
    expect(intro).toBe(end);
  });

  it('keeps a section’s own target and shares the rest', () => {
    const targets = sectionWordTargets(outline([section('A', 2, { words: 1_000 }), section('B'), section('C')]), 2_000);
    expect(targets).toEqual([1_000, 500, 500]);
  });

  it('gives each section at least 80 words, and caps the post at 6,000', () => {
    const many = outline(Array.from({ length: 40 }, (_, index) => section(`S${index}`, index % 4 === 0 ? 2 : 3)));
    expect(Math.min(...sectionWordTargets(many, 2_000))).toBeGreaterThanOrEqual(80);
    expect(Math.min(...sectionWordTargets(many, 3_500))).toBeGreaterThanOrEqual(80);
    expect(Math.abs(sum(sectionWordTargets(many, 3_500)) - 3_500)).toBeLessThanOrEqual(20);
    expect(Math.abs(sum(sectionWordTargets(outline([section('A'), section('B')]), 20_000)) - 6_000)).toBeLessThanOrEqual(1);
  });
});

describe('the blogger’s edits to an outline', () => {
  const sections: OutlineSection[] = ['One', 'Two', 'Three'].map((heading) => ({ heading, level: 2, covers: '', extras: [] }));
  const headings = (list: OutlineSection[]) => list.map((section) => section.heading);

  it('moves a section up or down, clamped to the list', () => {
    expect(headings(moveSection(sections, 2, -1))).toEqual(['One', 'Three', 'Two']);
    expect(headings(moveSection(sections, 0, 1))).toEqual(['Two', 'One', 'Three']);
    expect(headings(moveSection(sections, 0, -1))).toEqual(['One', 'Two', 'Three']);
  });

  it('deletes, adds an empty H2 after a section, and renames', () => {
    expect(headings(removeSection(sections, 1))).toEqual(['One', 'Three']);
    expect(headings(addSection(sections, 0))).toEqual(['One', '', 'Two', 'Three']);
    expect(headings(addSection(sections))).toEqual(['One', 'Two', 'Three', '']);
    expect(changeSection(sections, 1, { heading: 'Deux', level: 3 })[1]).toMatchObject({ heading: 'Deux', level: 3 });
  });

  it('checks the edited outline as a planned one: an empty heading or an H3 first is refused', () => {
    const outline = { title: 'T', metaDescription: '', seoTitle: '', focusKeywords: [], tags: [], categories: [], sections };
    expect(checkEditedOutline(outline).ok).toBe(true);
    expect(checkEditedOutline({ ...outline, sections: addSection(sections) })).toEqual({ ok: false, problem: 'A section heading is empty.' });
    expect(checkEditedOutline({ ...outline, sections: changeSection(sections, 0, { level: 3 }) })).toEqual({ ok: false, problem: 'The first section must be an H2 (##).' });
  });
});
