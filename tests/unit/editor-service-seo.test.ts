import { describe, expect, it } from 'vitest';
import type { ApplyReport, EditorAdapter, EditorSnapshot, FillExtra } from '../../lib/editors/adapter';
import { serveEditor } from '../../lib/editors/editor-service';
import type { SeoPlugin, SeoValues } from '../../lib/editors/seo/plugin';

/** An editor that records what it was asked to apply and restore, in order with the plugin's writes. */
function fakeEditor(log: string[]) {
  const applied: Array<{ meta?: Record<string, string> }> = [];
  const adapter = {
    kind: 'block-editor',
    isReady: () => true,
    snapshot: async (): Promise<EditorSnapshot> => ({ kind: 'block-editor', data: { title: 'Old' } }),
    apply: async (_fill: unknown, extra?: FillExtra): Promise<ApplyReport> => {
      log.push('apply');
      applied.push({ meta: extra?.meta });
      return { tagsCreated: [], categoriesSkipped: [], categoriesCreated: [], warnings: [] };
    },
    restore: async () => { log.push('restore'); },
  } as unknown as EditorAdapter;
  return { adapter, applied };
}

function fakePlugin(log: string[], withMeta: boolean, afterPost = false): SeoPlugin & { values: SeoValues } {
  const plugin = {
    name: 'Test SEO',
    fields: 'title, description, keyphrase',
    values: { title: 'Old SEO title', description: 'Old description', keywords: ['old'] } as SeoValues,
    afterPost,
    read: async () => ({ ...plugin.values }),
    async write(values: SeoValues) { log.push(`write ${values.title}`); plugin.values = values; },
    ...(withMeta ? { meta: (values: SeoValues) => ({ _seo_title: values.title }) } : {}),
  };
  return plugin;
}

const seo = { title: 'New SEO title', description: 'New description', keywords: ['new phrase'] };
const fill = { title: 'New', excerpt: 'New description', seo, bodyMode: 'replace' as const, createMissingCategories: false };

describe('the SEO plugin in a fill', () => {
  it('takes a store plugin’s values before the post’s edits, says where they went, and the restore puts the old ones back', async () => {
    const log: string[] = [];
    const { adapter, applied } = fakeEditor(log);
    const plugin = fakePlugin(log, false);
    const { handle } = serveEditor({} as Window, () => adapter, () => plugin);
    const { report, snapshot } = await handle({ type: 'apply', fill }) as { report: ApplyReport; snapshot: EditorSnapshot };
    expect(log).toEqual(['write New SEO title', 'apply']);
    expect(applied[0]!.meta).toBeUndefined();
    expect(report.seo).toBe('Test SEO: title, description, keyphrase');
    expect(snapshot.seo).toEqual({ title: 'Old SEO title', description: 'Old description', keywords: ['old'] });
    await handle({ type: 'restore', snapshot });
    expect(log.slice(2)).toEqual(['restore', 'write Old SEO title']);
  });

  it('hands a core-meta plugin’s values to the editor’s own edit, so one undo step takes them back', async () => {
    const log: string[] = [];
    const { adapter, applied } = fakeEditor(log);
    const { handle } = serveEditor({} as Window, () => adapter, () => fakePlugin(log, true));
    await handle({ type: 'apply', fill });
    expect(log).toEqual(['apply']);
    expect(applied[0]!.meta).toEqual({ _seo_title: 'New SEO title' });
  });

  it('writes a plugin whose write reloads Elementor’s preview once the post is in', async () => {
    const log: string[] = [];
    const { adapter } = fakeEditor(log);
    const { handle } = serveEditor({} as Window, () => adapter, () => fakePlugin(log, false, true));
    const { report } = await handle({ type: 'apply', fill }) as { report: ApplyReport };
    expect(log).toEqual(['apply', 'write New SEO title']);
    expect(report.seo).toBe('Test SEO: title, description, keyphrase');
  });

  it('still puts the post in when the plugin refuses its fields, and says so', async () => {
    const log: string[] = [];
    const { adapter } = fakeEditor(log);
    const plugin = { ...fakePlugin(log, false), write: async () => { throw new Error('Test SEO did not load its panel.'); } };
    const { handle } = serveEditor({} as Window, () => adapter, () => plugin);
    const { report } = await handle({ type: 'apply', fill }) as { report: ApplyReport };
    expect(log).toEqual(['apply']);
    expect(report.seo).toBe('Test SEO: nothing written (Test SEO did not load its panel); the description is in the excerpt');
  });

  it('says plainly when the site has no SEO plugin, and writes nothing for one', async () => {
    const log: string[] = [];
    const { adapter } = fakeEditor(log);
    const { handle } = serveEditor({} as Window, () => adapter, () => null);
    const { report, snapshot } = await handle({ type: 'apply', fill }) as { report: ApplyReport; snapshot: EditorSnapshot };
    expect(report.seo).toMatch(/No SEO plugin is active here: the description is in the excerpt/);
    expect(snapshot.seo).toBeUndefined();
    // With the description kept out of the excerpt, the report does not claim it is there.
    const { excerpt: _excerpt, ...withoutExcerpt } = fill;
    const { report: bare } = await handle({ type: 'apply', fill: withoutExcerpt }) as { report: ApplyReport };
    expect(bare.seo).toBe('No SEO plugin is active here');
  });
});
