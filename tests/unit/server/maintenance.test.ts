import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hitRateLimit } from "@/lib/access/rate-limit";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { kisiPacing, rateLimitCounters, session, user } from "@/lib/db/schema";
import { KEEP_COUNTERS_MS, pruneExpiredState } from "@/lib/server/maintenance";

let handle: DbHandle;
beforeAll(async () => {
  handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
});
afterAll(() => handle.close());

describe("pruneExpiredState", () => {
  it("removes counters, pacing slots and sessions that no longer matter, and keeps live ones", async () => {
    const db = handle.db;
    const now = new Date("2026-11-22T12:00:00Z");
    const old = new Date(now.getTime() - KEEP_COUNTERS_MS - 1_000);
    await hitRateLimit(db, "unlock:old-link", 10, 60, old);
    await hitRateLimit(db, "unlock:live-link", 10, 60, now);
    await db.insert(kisiPacing).values([
      { key: "kisi-key:idle", nextSlotAt: new Date(now.getTime() - 2 * 3_600_000) },
      { key: "kisi-key:busy", nextSlotAt: now },
    ]);
    await db.insert(user).values({ id: "u1", name: "Ada", email: "ada@example.test" });
    await db.insert(session).values([
      { id: "s-expired", token: "t1", userId: "u1", expiresAt: new Date(now.getTime() - 1) },
      { id: "s-live", token: "t2", userId: "u1", expiresAt: new Date(now.getTime() + 60_000) },
    ]);

    expect(await pruneExpiredState(db, now)).toEqual({
      counters: 1,
      pacing: 1,
      sessions: 1,
      verifications: 0,
    });
    const counters = await db.select({ key: rateLimitCounters.key }).from(rateLimitCounters);
    expect(counters.map((c) => c.key)).toEqual(["unlock:live-link"]);
    expect((await db.select().from(kisiPacing)).map((p) => p.key)).toEqual(["kisi-key:busy"]);
    expect(await db.select().from(session).where(eq(session.id, "s-live"))).toHaveLength(1);
    // A second sweep finds nothing more.
    expect(await pruneExpiredState(db, now)).toEqual({
      counters: 0,
      pacing: 0,
      sessions: 0,
      verifications: 0,
    });
  });
});
