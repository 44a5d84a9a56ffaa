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
  /** Calls of this key scheduled here and not yet started (this process's queue ahead). */
  waiting(key: string): number;
};

type Lane = { tail: Promise<unknown>; nextStartAt: number; waiting: number };

export function createKisiLimiter(
  options: { ratePerSecond?: number; now?: () => number } = {},
): KisiLimiter {
  const interval = 1000 / (options.ratePerSecond ?? 4);
  const now = options.now ?? Date.now;
  const lanes = new Map<string, Lane>();

  function lane(key: string): Lane {
    let l = lanes.get(key);
    if (!l) {
      l = { tail: Promise.resolve(), nextStartAt: 0, waiting: 0 };
      lanes.set(key, l);
    }
    return l;
  }

  return {
    schedule<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const l = lane(key);
      l.waiting++;
      let counted = true;
      const started = () => {
        if (counted) l.waiting--;
        counted = false;
      };
      // A caller who gives up while queued leaves the count at once (its task never runs).
      signal?.addEventListener("abort", started, { once: true });
      const run = l.tail.then(async () => {
        try {
          const wait = l.nextStartAt - now();
          if (wait > 0) await sleep(wait, signal);
          signal?.throwIfAborted();
        } finally {
          started();
        }
        l.nextStartAt = Math.max(now(), l.nextStartAt) + interval;
        return task();
      });
      // The lane waits for this task whether it succeeds or fails; errors go to the caller only.
      l.tail = run.catch(() => undefined);
      return run;
    },
    pause(key: string, ms: number): void {
      const l = lane(key);
      l.nextStartAt = Math.max(l.nextStartAt, now() + ms);
    },
    waiting(key: string): number {
      return lanes.get(key)?.waiting ?? 0;
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
