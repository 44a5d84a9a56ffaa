/**
 * Per-credential pacing for Kisi's limit of ~5 requests/s per Kisi user (docs/kisi-api.md §6).
 * Kisi asks for one user's requests to go "serially, not concurrently", so each budget key
 * runs one call at a time and starts calls at most `ratePerSecond` times a second (default 4,
 * a margin under 5). A 429 pauses the key for the Retry-After time.
 *
 * In-process only: it keeps one instance within budget. Several instances on one PostgreSQL use
 * shared-limiter.ts, which adds a slot reserved in the database in front of this one.
 */
export type KisiLimiter = {
  schedule<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  pause(key: string, ms: number): void;
  /** Whether a call of this key would wait: one is under way or queued here, or Kisi paused it. */
  busy(key: string): boolean;
};

type Lane = { tail: Promise<unknown>; nextStartAt: number; pending: number };

export function createKisiLimiter(
  options: { ratePerSecond?: number; now?: () => number } = {},
): KisiLimiter {
  const interval = 1000 / (options.ratePerSecond ?? 4);
  const now = options.now ?? Date.now;
  const lanes = new Map<string, Lane>();

  function lane(key: string): Lane {
    let l = lanes.get(key);
    if (!l) {
      l = { tail: Promise.resolve(), nextStartAt: 0, pending: 0 };
      lanes.set(key, l);
    }
    return l;
  }

  return {
    schedule<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const l = lane(key);
      l.pending++;
      const run = l.tail
        .then(async () => {
          const wait = l.nextStartAt - now();
          if (wait > 0) await sleep(wait, signal);
          signal?.throwIfAborted();
          l.nextStartAt = Math.max(now(), l.nextStartAt) + interval;
          return task();
        })
        .finally(() => {
          l.pending--;
        });
      // The lane waits for this task whether it succeeds or fails; errors go to the caller only.
      l.tail = run.catch(() => undefined);
      return run;
    },
    pause(key: string, ms: number): void {
      const l = lane(key);
      l.nextStartAt = Math.max(l.nextStartAt, now() + ms);
    },
    busy(key: string): boolean {
      const l = lanes.get(key);
      return !!l && (l.pending > 0 || l.nextStartAt > now());
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
