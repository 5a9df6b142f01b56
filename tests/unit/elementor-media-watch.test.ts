/**
 * Issue 15, Elementor: where an uploaded featured image stands, read from the page settings, the
 * document's history and its saves, each looked at when a `$e` command has run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchElementorFeaturedMedia, type CommandListener } from '../../lib/editors/elementor-media-watch';
import type { FeaturedMediaUse } from '../../lib/editors/media';

const MEDIA = 9;

function fakeElementor() {
  const page = { featured: { id: MEDIA } as { id: number }, statuses: ['applied'], isSaving: false, isChanged: true };
  let onCommand: CommandListener | undefined;
  const document = {
    container: { settings: { get: (key: string) => (key === 'post_featured_image' ? page.featured : undefined) } },
    history: { getItems: () => ({ models: page.statuses.map((status) => ({ get: () => status })) }) },
    editor: page,
  };
  const commands = { on: vi.fn((_event: string, callback: CommandListener) => { onCommand = callback; }), off: vi.fn() };
  const uses: FeaturedMediaUse[] = [];
  const stop = watchElementorFeaturedMedia({ document: () => document, commands: () => commands })(MEDIA, (use) => uses.push(use));
  return { page, uses, stop, commands, run: (command: string) => onCommand!(undefined, command) };
}

afterEach(() => { vi.useRealTimers(); });

describe('the Elementor featured-image watch', () => {
  it('tells at once, then after an undo: not in the page settings, redoable', () => {
    const elementor = fakeElementor();
    expect(elementor.uses).toEqual([{ edited: true, saved: false, redoable: false, saving: false }]);
    elementor.page.featured = { id: 0 };
    elementor.page.statuses = ['not_applied'];
    elementor.run('document/history/undo');
    expect(elementor.uses.at(-1)).toEqual({ edited: false, saved: false, redoable: true, saving: false });
  });

  it('sees a save run until the document is neither saving nor changed, and what the saved post then holds', () => {
    vi.useFakeTimers();
    const elementor = fakeElementor();
    elementor.run('document/save/update');
    expect(elementor.uses.at(-1)).toMatchObject({ saving: true, saved: false });
    vi.advanceTimersByTime(500);
    expect(elementor.uses.at(-1)!.saving).toBe(true);
    elementor.page.isChanged = false;
    vi.advanceTimersByTime(100);
    expect(elementor.uses.at(-1)).toEqual({ edited: true, saved: true, redoable: false, saving: false });
  });

  it('says nothing on commands that change nothing it tells, and stops listening when stopped', () => {
    const elementor = fakeElementor();
    elementor.run('document/elements/settings');
    expect(elementor.uses).toHaveLength(1);
    elementor.stop();
    expect(elementor.commands.off).toHaveBeenCalledWith('run:after', elementor.commands.on.mock.calls[0]![1]);
  });
});
