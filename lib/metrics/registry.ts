/**
 * Latchkey's Prometheus metrics (served by GET /api/metrics, see docs/metrics.md). One registry
 * per process, kept on globalThis: the server wrapper (lib/server/serve.ts, outside Next's
 * bundle) records page latency and Next's route chunks record the rest, and both must land in
 * the same registry even if the module were loaded twice.
 *
 * No `server-only` here: the server wrapper runs without the react-server condition.
 *
 * Labels are bounded and never carry an id, a token or a secret: Kisi paths keep only their
 * shape (/locks/:id/unlock), API routes their template, pages their top-level area.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    kisiRequests: new Counter({
      name: "latchkey_kisi_requests_total",
      help: "HTTP exchanges with Kisi, by endpoint shape, method and status (an HTTP status, or timeout/network/aborted/redirect/malformed)",
      labelNames: ["endpoint", "method", "status"] as const,
      registers,
    }),
    kisiDuration: new Histogram({
      name: "latchkey_kisi_request_duration_seconds",
      help: "Time of one HTTP exchange with Kisi, from sending to the parsed answer",
      labelNames: ["endpoint", "method"] as const,
      buckets: seconds,
      registers,
    }),
    kisiRateLimited: new Counter({
      name: "latchkey_kisi_rate_limited_total",
      help: "Answers 429 from Kisi (each pauses the Kisi key's lane)",
      labelNames: ["endpoint"] as const,
      registers,
    }),
    laneQueued: new Gauge({
      name: "latchkey_kisi_lane_queued",
      help: "Kisi calls in this process waiting for their key's lane (pacing at 4/s, one at a time)",
      registers,
    }),
    laneWait: new Histogram({
      name: "latchkey_kisi_lane_wait_seconds",
      help: "How long a Kisi call waited for its lane before it was sent (or given up)",
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
      registers,
    }),
    unlocks: new Counter({
      name: "latchkey_unlock_attempts_total",
      help: "Guest unlock attempts by outcome (unlocked, unlocked_duplicate, or the refusal's error code)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    outboxBacklog: new Gauge({
      name: "latchkey_outbox_backlog",
      help: "Emails not yet delivered or given up (pending, sending, failed and retrying), read from the database at scrape time",
      registers,
    }),
    outboxOldestAge: new Gauge({
      name: "latchkey_outbox_oldest_age_seconds",
      help: "Age of the oldest email in the backlog (0 when it is empty), read at scrape time",
      registers,
    }),
    apiDuration: new Histogram({
      name: "latchkey_api_request_duration_seconds",
      help: "API route handler time, by route template, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: seconds,
      registers,
    }),
    pageDuration: new Histogram({
      name: "latchkey_page_request_duration_seconds",
      help: "Time to answer a page request (until the last byte), by top-level area and status",
      labelNames: ["area", "status"] as const,
      buckets: seconds,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("latchkey.metrics");

export function metrics(): Metrics {
  const g = globalThis as Record<symbol, Metrics | undefined>;
  return (g[KEY] ??= createMetrics());
}

/** A Kisi path's shape: numeric ids become `:id` (/locks/42/unlock → /locks/:id/unlock). */
export function kisiEndpoint(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, "/:id");
}

/**
 * An API path's template: every segment that is not a plain lowercase word (ids, tokens,
 * uuids) becomes `:id`. Only matched routes reach withApi, so the set stays as small as the
 * route list; a word-shaped value still cannot carry a secret (those are random, mixed-case).
 */
export function apiRoute(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (segment === "" || /^[a-z][a-z-]{0,31}$/.test(segment) ? segment : ":id"))
    .join("/");
}

/**
 * The top-level areas of the app's pages (app/<area>/…); anything else is "other", so a
 * scanner requesting random paths cannot grow the label set. Kept in step with app/ by
 * tests/unit/metrics/registry.test.ts.
 */
export const PAGE_AREAS = ["access", "bench", "dashboard", "invite", "sign-in"] as const;

export function pageArea(pathname: string): string {
  const first = pathname.split("/")[1] ?? "";
  if (first === "") return "/";
  return (PAGE_AREAS as readonly string[]).includes(first) ? `/${first}` : "other";
}

/**
 * Marks a Kisi call as waiting for its key's lane (lib/kisi/client.ts); the returned function
 * ends the wait — when the call is sent, or when it is given up while queued — and may be
 * called again harmlessly.
 */
export function enterLane(): () => void {
  const m = metrics();
  const queuedAt = performance.now();
  m.laneQueued.inc();
  let waiting = true;
  return () => {
    if (!waiting) return;
    waiting = false;
    m.laneQueued.dec();
    m.laneWait.observe((performance.now() - queuedAt) / 1000);
  };
}

/**
 * Times a page request from the server wrapper (lib/server/serve.ts) until its last byte.
 * API calls are timed by withApi with their route, and /_next/ assets are not pages.
 */
export function timePageRequest(
  url: string | undefined,
  res: { statusCode: number; once(event: "finish" | "close", listener: () => void): unknown },
): void {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return;
  const started = performance.now();
  let done = false;
  const observe = () => {
    if (done) return;
    done = true;
    metrics().pageDuration.observe(
      { area: pageArea(pathname), status: String(res.statusCode) },
      (performance.now() - started) / 1000,
    );
  };
  res.once("finish", observe);
  res.once("close", observe);
}
