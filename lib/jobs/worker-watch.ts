/**
 * The popup's watch over the background while a job runs. A worker the browser stopped is woken
 * by the ping and reports the job itself; one that is hung or crashed answers nothing, or answers
 * that it does not run the job. After two such pings in a row (about ten seconds) the popup
 * reports the job interrupted, keeping what was written, instead of showing "writing" for ever.
 */
export interface WorkerWatchOptions {
  /** True when the background answered and still runs the job. */
  ping(): Promise<boolean>;
  onLost(): void;
  intervalMs?: number;
  /** A ping unanswered for this long counts as lost. */
  timeoutMs?: number;
  lostAfter?: number;
}

export function watchWorker(options: WorkerWatchOptions): () => void {
  const { intervalMs = 2_000, timeoutMs = 4_000, lostAfter = 2 } = options;
  let misses = 0;
  let inFlight = false;
  let stopped = false;
  const check = async () => {
    if (inFlight || stopped) return;
    inFlight = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const alive = await Promise.race([options.ping().catch(() => false), silent]);
    clearTimeout(timer);
    inFlight = false;
    if (stopped) return;
    misses = alive ? 0 : misses + 1;
    if (misses >= lostAfter) {
      stopped = true;
      clearInterval(interval);
      options.onLost();
    }
  };
  const interval = setInterval(() => void check(), intervalMs);
  return () => {
    stopped = true;
    clearInterval(interval);
  };
}
