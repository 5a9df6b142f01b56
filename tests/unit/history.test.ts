import { describe, expect, it } from 'vitest';
import { HISTORY_CAP, HISTORY_MAX_BYTES, addEntry, entryAsMarkdown, parseHistory, searchHistory, type HistoryEntry } from '../../lib/storage/history';

function entry(id: number, fields: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `e${id}`, kind: 'generate', at: 1_700_000_000_000 + id, topic: `Topic ${id}`, site: 'https://blog.example',
    title: `Title ${id}`, metaDescription: 'A description.', tags: ['wordpress'], categories: ['Tutorials'],
    body: '## Intro\n\nText.', model: 'gpt-4o-mini', ...fields,
  };
}

function fill(count: number, fields: Partial<HistoryEntry> = {}): HistoryEntry[] {
  let list: HistoryEntry[] = [];
  for (let id = 1; id <= count; id++) list = addEntry(list, entry(id, fields));
  return list;
}

describe('addEntry', () => {
  it('puts the newest first and drops the oldest past the cap', () => {
    const list = fill(HISTORY_CAP + 2);
    expect(list).toHaveLength(50);
    expect(list[0]!.id).toBe('e52');
    expect(list.at(-1)!.id).toBe('e3');
    expect(addEntry(list, entry(99), 3).map((item) => item.id)).toEqual(['e99', 'e52', 'e51']);
  });

  it('replaces an entry saved again under the same id', () => {
    const list = addEntry(fill(3), entry(2, { title: 'Edited' }));
    expect(list.map((item) => [item.id, item.title])).toEqual([['e2', 'Edited'], ['e3', 'Title 3'], ['e1', 'Title 1']]);
  });

  it('drops the oldest while the stored JSON is over the byte limit, counting UTF-8 bytes', () => {
    // 600,000 bytes but 300,000 characters each: six fit in 4 MiB, seven do not.
    const list = fill(8, { body: 'ü'.repeat(300_000) });
    expect(list.map((item) => item.id)).toEqual(['e8', 'e7', 'e6', 'e5', 'e4', 'e3']);
    expect(new TextEncoder().encode(JSON.stringify(list)).length).toBeLessThanOrEqual(HISTORY_MAX_BYTES);
  });

  it('keeps the newest entry even when it alone is over the limit', () => {
    expect(addEntry(fill(2), entry(3, { body: 'x'.repeat(HISTORY_MAX_BYTES) })).map((item) => item.id)).toEqual(['e3']);
  });
});

describe('searchHistory', () => {
  const list = [
    entry(1, { topic: 'Caching WordPress', tags: ['performance'], body: 'Use Redis for objects.' }),
    entry(2, { topic: 'Crème brûlée', site: 'https://cooking.example', title: 'The perfect dessert' }),
    entry(3, { topic: 'Docker on a VPS', body: 'Install Docker, then Redis.' }),
  ];
  const ids = (query: string) => searchHistory(list, query).map((item) => item.id);

  it('matches every word of the query, without regard to case, in the topic, title, site, tags and body', () => {
    expect(ids('redis')).toEqual(['e1', 'e3']);
    expect(ids('REDIS docker')).toEqual(['e3']);
    expect(ids('performance')).toEqual(['e1']);
    expect(ids('cooking.example')).toEqual(['e2']);
    expect(ids('Perfect')).toEqual(['e2']);
    expect(ids('redis dessert')).toEqual([]);
  });

  it('finds accented words without the accents, and everything for an empty query', () => {
    expect(ids('creme brulee')).toEqual(['e2']);
    expect(ids('  ')).toEqual(['e1', 'e2', 'e3']);
  });
});

describe('parseHistory', () => {
  it('keeps the valid entries and drops the rest, never throwing', () => {
    const stored = [entry(1), { ...entry(2), kind: 'delete' }, { id: 'e3' }, null, 'text', { ...entry(4), usage: { inputTokens: 5, outputTokens: 7 }, postId: 12 }];
    expect(parseHistory(stored).map((item) => item.id)).toEqual(['e1', 'e4']);
    expect(parseHistory(undefined)).toEqual([]);
    expect(parseHistory({ e1: entry(1) })).toEqual([]);
  });
});

describe('entryAsMarkdown', () => {
  it('writes the title as a heading, then the description, tags and body', () => {
    expect(entryAsMarkdown(entry(1, { tags: ['wordpress', 'cache'] }))).toBe('# Title 1\n\nA description.\n\nTags: wordpress, cache\n\n## Intro\n\nText.');
    expect(entryAsMarkdown(entry(1, { metaDescription: '', tags: [] }))).toBe('# Title 1\n\n## Intro\n\nText.');
  });
});
