/**
 * Issue 15: an uploaded featured image that the blogger undoes with the editor's own Ctrl+Z is
 * deleted from the media library again, once the undo is final (the next save, or leaving the
 * page), never while a redo could bring it back or the saved post still uses it.
 */
import { describe, expect, it, vi } from 'vitest';
import { deleteWhenUndone, type FeaturedMediaUse } from '../../lib/editors/media';

const MEDIA = 41;

function setup(initial: Partial<FeaturedMediaUse> = {}) {
  let listener: ((use: FeaturedMediaUse) => void) | undefined;
  let use: FeaturedMediaUse = { edited: true, saved: false, redoable: false, saving: false, ...initial };
  const unwatch = vi.fn();
  const win = new EventTarget() as unknown as Window;
  const remove = vi.fn(async (_keepalive: boolean) => undefined);
  const stop = deleteWhenUndone((id, report) => {
    expect(id).toBe(MEDIA);
    listener = report;
    report(use);
    return unwatch;
  }, MEDIA, remove, win);
  const change = (patch: Partial<FeaturedMediaUse>) => { use = { ...use, ...patch }; listener!(use); };
  const save = (saved: boolean) => { change({ saving: true }); change({ saving: false, saved }); };
  return { change, save, remove, unwatch, stop, leave: () => win.dispatchEvent(new Event('pagehide')) };
}

describe('an uploaded featured image undone in the editor', () => {
  it('is deleted at the next save after the undo, once, and the watch stops', async () => {
    const editor = setup();
    editor.change({ edited: false, redoable: true });
    expect(editor.remove).not.toHaveBeenCalled();
    // The blogger goes on writing: no redo any more, the undo is final.
    editor.change({ redoable: false });
    editor.save(false);
    expect(editor.remove).toHaveBeenCalledTimes(1);
    expect(editor.remove).toHaveBeenCalledWith(false);
    expect(editor.unwatch).toHaveBeenCalled();
  });

  it('that a redo brought back is kept, saved or not', () => {
    const editor = setup();
    editor.change({ edited: false, redoable: true });
    editor.change({ edited: true, redoable: false });
    editor.save(true);
    editor.leave();
    expect(editor.remove).not.toHaveBeenCalled();
  });

  it('is deleted when the page goes while it stands undone, with a request that outlives the page', () => {
    const editor = setup();
    editor.change({ edited: false, redoable: true });
    editor.leave();
    expect(editor.remove).toHaveBeenCalledWith(true);
  });

  it('is kept while the saved post still uses it (saved before the undo, the undo never saved)', () => {
    const editor = setup({ saved: true });
    editor.change({ edited: false, redoable: true });
    editor.leave();
    expect(editor.remove).not.toHaveBeenCalled();
  });

  it('is kept when the blogger removed or replaced it by hand (no undo)', () => {
    const editor = setup();
    editor.change({ edited: false, redoable: false });
    editor.save(false);
    editor.leave();
    expect(editor.remove).not.toHaveBeenCalled();
  });

  it('is left alone once stopped (the popup’s Undo deletes it itself)', () => {
    const editor = setup();
    editor.change({ edited: false, redoable: true });
    editor.stop();
    expect(editor.unwatch).toHaveBeenCalled();
    editor.leave();
    expect(editor.remove).not.toHaveBeenCalled();
  });
});
