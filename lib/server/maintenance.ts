import "server-only";
import { lt } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { kisiPacing, rateLimitCounters, session, verification } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import { every } from "@/lib/jobs/every";

/**
 * Rows that only matter for a while: rate-limit counters and markers (every window Latchkey uses
 * is far below a day), Kisi pacing slots long past, expired admin sessions and verifications.
 * Without this sweep each guest, client address and session would leave a row for ever.
 */
export const KEEP_COUNTERS_MS = 24 * 60 * 60 * 1000;
const KEEP_PACING_MS = 60 * 60 * 1000;

export async function pruneExpiredState(db: Db, now = new Date()) {
  const counters = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - KEEP_COUNTERS_MS)))
    .returning({ key: rateLimitCounters.key });
  const pacing = await db
    .delete(kisiPacing)
    .where(lt(kisiPacing.nextSlotAt, new Date(now.getTime() - KEEP_PACING_MS)))
    .returning({ key: kisiPacing.key });
  const sessions = await db
    .delete(session)
    .where(lt(session.expiresAt, now))
    .returning({ id: session.id });
  const verifications = await db
    .delete(verification)
    .where(lt(verification.expiresAt, now))
    .returning({ id: verification.id });
  return {
    counters: counters.length,
    pacing: pacing.length,
    sessions: sessions.length,
    verifications: verifications.length,
  };
}

/** Runs the sweep now and then every `intervalMs` (each instance; the deletes are idempotent). */
export function startMaintenance(db: Db, intervalMs = 10 * 60 * 1000): () => Promise<void> {
  return every(
    intervalMs,
    "pruning expired state",
    async () => log.debug("pruned expired state", await pruneExpiredState(db)),
    { runNow: true, errorLevel: "warn" },
  );
}
