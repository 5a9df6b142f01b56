import { describe, expect, it } from 'vitest';
import { routeEditorRequest, type JobHandler } from '../../lib/messaging/editor-page';
import { BridgeCallError } from '../../lib/messaging/bridge-channel';

const ready = async () => ({ kind: 'block-editor' as const, ready: true });

describe('what an editor page answers before and after a job brings its tools', () => {
  it('answers the status itself, with no job tools loaded', async () => {
    expect(await routeEditorRequest({ type: 'editor/status' }, ready, undefined)).toEqual({ ok: true, status: { kind: 'block-editor', ready: true } });
    const broken = async () => { throw new BridgeCallError({ code: 'editor-not-ready', message: 'The editor did not answer.', retryable: true }); };
    expect(await routeEditorRequest({ type: 'editor/status' }, broken, undefined)).toEqual({ ok: false, error: { code: 'editor-not-ready', message: 'The editor did not answer.', retryable: true } });
  });

  it('says in one sentence that the tools are missing, and hands every other request to them once they are there', async () => {
    expect(await routeEditorRequest({ type: 'editor/context', includeContent: false }, ready, undefined)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not load into this page/) } });
    const seen: unknown[] = [];
    const tools: JobHandler = (message) => { seen.push(message); return Promise.resolve({ ok: true, restored: true }); };
    expect(await routeEditorRequest({ type: 'editor/restore', snapshot: { kind: 'classic-editor', data: {} } }, ready, tools)).toEqual({ ok: true, restored: true });
    expect(seen).toEqual([{ type: 'editor/restore', snapshot: { kind: 'classic-editor', data: {} } }]);
  });
});
