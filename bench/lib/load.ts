import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { round, summarize, type LatencySummary } from "./stats";

export type CannonResult = {
  url: string;
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latency: { p50: number; p99: number; mean: number };
  total: number;
  non2xx: number;
  errors: number;
};

/**
 * autocannon, run in-process against `url` for a bounded time. Latencies are autocannon's own
 * (ms, from its HDR histogram); requests per second is the mean over the run.
 */
export async function cannon(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}): Promise<CannonResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds,
    // Bounded in time and count, so a hung server cannot keep the benchmark running.
    timeout: 10,
    maxOverallRequests: 200_000,
  });
  return {
    url: new URL(options.url).pathname.replace(/\/access\/[^/]+/, "/access/<token>"),
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    requestsPerSecond: round(result.requests.average),
    latency: {
      p50: round(result.latency.p50),
      p99: round(result.latency.p99),
      mean: round(result.latency.average),
    },
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Runs `call` `count` times one after another, starting calls at least `intervalMs` apart (so a
 * paced upstream such as Kisi's 5 requests/s is never the bottleneck), and times each call.
 */
export async function pacedLatency(
  count: number,
  intervalMs: number,
  call: (i: number) => Promise<number>,
): Promise<{ latency: LatencySummary; statuses: number[] }> {
  const samples: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    statuses.push(await call(i));
    const took = performance.now() - started;
    samples.push(took);
    if (took < intervalMs) await sleep(intervalMs - took);
  }
  return { latency: summarize(samples), statuses };
}
