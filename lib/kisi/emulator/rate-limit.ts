import { performance } from "node:perf_hooks";

/**
 * Sliding-window limiter: at most `limit` accepted requests per key in any `windowMs`.
 * Kisi documents "5 requests per second per user" without saying how the second is measured;
 * a sliding window is the strictest reading, so a client that passes here passes Kisi.
 * Rejected requests are not stored, so hammering does not extend the penalty.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  tryConsume(key: string, now: number = performance.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }
}
