import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { rateLimitCounters } from "@/lib/db/schema";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * One fixed-window counter in PostgreSQL, shared by every instance (SECURITY.md B-4). An error
 * here propagates: the unlock path fails closed rather than unlocking unmetered (B-5).
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const cutoff = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await queryRows<{ count: number; window_start: string | Date }>(
    db,
    sql`insert into rate_limit_counters (key, window_start, count) values (${key}, ${now}, 1)
        on conflict (key) do update set
          count = case when rate_limit_counters.window_start <= ${cutoff} then 1 else rate_limit_counters.count + 1 end,
          window_start = case when rate_limit_counters.window_start <= ${cutoff} then ${now} else rate_limit_counters.window_start end
        returning count, window_start`,
  );
  const count = Number(row?.count ?? 1);
  const windowStart = new Date(row?.window_start ?? now).getTime();
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((windowStart + windowSeconds * 1000 - now.getTime()) / 1000),
  );
  return { allowed: count <= limit, count, retryAfterSeconds };
}

/** A timestamped marker (e.g. "this link opened this door"), shared by every instance. */
export async function setMarker(db: Db, key: string, at: Date): Promise<void> {
  await db
    .insert(rateLimitCounters)
    .values({ key, windowStart: at, count: 1 })
    .onConflictDoUpdate({ target: rateLimitCounters.key, set: { windowStart: at, count: 1 } });
}

export async function hasRecentMarker(
  db: Db,
  key: string,
  withinSeconds: number,
  now: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ at: rateLimitCounters.windowStart })
    .from(rateLimitCounters)
    .where(
      and(
        eq(rateLimitCounters.key, key),
        gt(rateLimitCounters.windowStart, new Date(now.getTime() - withinSeconds * 1000)),
      ),
    );
  return Boolean(row);
}

export async function clearMarker(db: Db, key: string): Promise<void> {
  await db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
}

/** The limits of the visitor API. Generous for a person, tight for a script. */
export const ACCESS_LIMITS = {
  /** Unlock attempts per link. */
  unlockPerToken: { limit: 10, windowSeconds: 60 },
  /** Door-list reads per link (the page refreshes every 15 s). */
  doorsPerToken: { limit: 30, windowSeconds: 60 },
  /** "Where am I in the queue?" reads per link (the page asks about once a second while queued). */
  queuePerToken: { limit: 90, windowSeconds: 60 },
  /** Unknown-token lookups per client IP before it is refused outright. */
  failedLookupsPerIp: { limit: 30, windowSeconds: 600 },
  /** A second tap on the same door within this time reuses the first result (no Kisi call). */
  dedupeSeconds: 3,
} as const;
