import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import { outboxBacklog } from "@/lib/email/outbox";
import { metrics } from "./registry";

/**
 * Who may read GET /api/metrics. No token configured: the endpoint does not exist (404), so a
 * deployment that never set one exposes nothing. A wrong or missing token: 401. The comparison
 * is over SHA-256 digests with timingSafeEqual, so neither the token's length nor its prefix
 * can be learned from timing; the token itself is never logged or echoed.
 */
export function metricsAccess(
  configured: string | null,
  presented: string | null,
): "disabled" | "refused" | "allowed" {
  if (!configured) return "disabled";
  if (!presented) return "refused";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(configured), digest(presented)) ? "allowed" : "refused";
}

/** The Prometheus text exposition, with the database-backed gauges read now. */
export async function renderMetrics(
  db: Db,
  now = new Date(),
): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  const backlog = await outboxBacklog(db, now);
  m.outboxBacklog.set(backlog.count);
  m.outboxOldestAge.set(backlog.oldestAgeSeconds);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
