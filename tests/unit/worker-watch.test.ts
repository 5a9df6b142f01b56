import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchWorker } from '../../lib/jobs/worker-watch';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

const never = () => new Promise<boolean>(() => undefined);

describe('the popup’s watch over the background', () => {
  it('reports a worker that answers nothing after two silent pings, well within 15 s', async () => {
    const onLost = vi.fn();
    watchWorker({ ping: never, onLost });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(onLost).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_001);
    expect(onLost).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onLost).toHaveBeenCalledTimes(1);
  });

  it('reports a worker that answers but no longer runs the job, or whose ping fails', async () => {
    const onLost = vi.fn();
    let answers = 0;
    watchWorker({ ping: async () => { answers += 1; if (answers === 1) throw new Error('no receiver'); return false; }, onLost });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(onLost).toHaveBeenCalledTimes(1);
  });

  it('keeps quiet while the worker answers, even after one slow ping', async () => {
    const onLost = vi.fn();
    let calls = 0;
    watchWorker({ ping: () => (++calls === 2 ? never() : Promise.resolve(true)), onLost });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBeGreaterThan(10);
    expect(onLost).not.toHaveBeenCalled();
  });

  it('stops when the job ends', async () => {
    const onLost = vi.fn();
    const stop = watchWorker({ ping: never, onLost });
    await vi.advanceTimersByTimeAsync(5_000);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onLost).not.toHaveBeenCalled();
  });
});
