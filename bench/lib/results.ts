import { z } from "zod";

/**
 * The shape of bench/results/*.json. The smoke test checks a run against it, so the report and
 * the scripts cannot drift apart silently. Times are milliseconds, sizes bytes, rates per second.
 */
const latency = z.object({ p50: z.number(), p99: z.number(), mean: z.number() });
const latencyN = latency.extend({ n: z.number().int().nonnegative() });
const cannon = z.object({
  url: z.string(),
  connections: z.number().int().positive(),
  durationSeconds: z.number().positive(),
  requestsPerSecond: z.number().nonnegative(),
  latency,
  total: z.number().int().nonnegative(),
  non2xx: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
});
const ratioOrNull = z.number().nullable();
const rss = z.object({ serverMiB: z.number().nonnegative(), totalMiB: z.number().nonnegative() });
const statuses = z.record(z.string(), z.number().int());

export const benchResultsSchema = z.object({
  meta: z.object({
    date: z.iso.datetime(),
    mode: z.enum(["full", "quick"]),
    durationSeconds: z.number().nonnegative(),
    machine: z.object({
      cpus: z.number().int().positive(),
      cpuModel: z.string(),
      memoryGiB: z.number().positive(),
      os: z.string(),
      loadAverageStart: z.array(z.number()).length(3),
      loadAverageEnd: z.array(z.number()).length(3),
    }),
    versions: z.record(z.string(), z.string()),
  }),
  startup: z.object({
    prepareMs: z.number().nonnegative(),
    prepareBuilt: z.boolean(),
    coldStartMs: z.number().nonnegative(),
    warmRestartMs: z.number().nonnegative(),
    rssIdle: rss,
    rssPeakUnderLoad: rss,
  }),
  accessPage: z.object({
    latency: z.object({ access: cannon, baseline: cannon, kisiLocks: cannon }),
    throughput: z.object({ access: cannon, baseline: cannon, kisiLocks: cannon }),
    overheadMs: z.object({ p50: z.number(), p99: z.number() }),
    ratios: z.object({
      latencyP50VsBaseline: ratioOrNull,
      latencyP50VsKisi: ratioOrNull,
      throughputVsBaseline: ratioOrNull,
      throughputVsKisi: ratioOrNull,
    }),
  }),
  unlock: z.object({
    intervalMs: z.number().positive(),
    latchkey: latencyN,
    direct: latencyN,
    latchkeyStatuses: statuses,
    directStatuses: statuses,
    addedMs: z.object({ p50: z.number(), p99: z.number() }),
    ratioP50: ratioOrNull,
  }),
  bursts: z.array(
    z.object({
      visitors: z.number().int().positive(),
      spreadMs: z.number().nonnegative(),
      pageStatuses: statuses,
      unlockStatuses: statuses,
      visitor429: z.number().int().nonnegative(),
      unlocked: z.number().int().nonnegative(),
      lastDoorOpenedMs: z.number().nullable(),
      /**
       * Taps not opened within their queue position ÷ the lane's pace + 1 s (refusals count), and
       * the worst lateness. Null in runs from before the queue, which did not measure it.
       */
      openedLate: z.number().int().nonnegative().nullable().default(null),
      worstLatenessMs: z.number().nonnegative().nullable().default(null),
      kisi: z.object({
        requests: z.number().int().nonnegative(),
        maxPerSecond: z.number().int().nonnegative(),
        meanPerSecond: z.number().nonnegative(),
        tooManyRequests: z.number().int().nonnegative(),
      }),
    }),
  ),
  bulk: z.object({
    links: z.number().int().positive(),
    issued: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    seconds: z.number().nonnegative(),
    linksPerSecond: z.number().nonnegative(),
    ratioToKisiCeiling: ratioOrNull,
    kisiMaxPerSecond: z.number().int().nonnegative(),
    kisiTooManyRequests: z.number().int().nonnegative(),
  }),
  pageWeight: z.array(
    z.object({
      page: z.string(),
      status: z.number().int(),
      requests: z.number().int().nonnegative(),
      jsBytes: z.number().int().nonnegative(),
      totalBytes: z.number().int().nonnegative(),
    }),
  ),
  lighthouse: z.array(
    z.union([
      z.object({
        page: z.string(),
        performance: z.number(),
        accessibility: z.number(),
        bestPractices: z.number(),
        lcpMs: z.number(),
        runs: z.number().int().positive().optional(),
        performanceMin: z.number().optional(),
        performanceMax: z.number().optional(),
      }),
      z.object({ page: z.string(), error: z.string() }),
    ]),
  ),
  axe: z.array(
    z.object({
      page: z.string(),
      violations: z.number().int().nonnegative(),
      ids: z.array(z.string()),
      passes: z.number().int().nonnegative(),
      error: z.string().optional(),
    }),
  ),
});

export type BenchResults = z.infer<typeof benchResultsSchema>;
