import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { KisiClient } from "@/lib/kisi/client";
import { DEMO_SEED, startKisiEmulator, type KisiEmulator } from "@/lib/kisi/emulator";
import { createKisiLimiter, type KisiLimiter } from "@/lib/kisi/limiter";
import { createSharedKisiLimiter, reserveSlot } from "@/lib/kisi/shared-limiter";
import {
  postgresAvailable,
  startPostgres,
  type PostgresServer,
} from "../../support/postgres-server";

const INTERVAL_MS = 250;

/** Slots handed out to concurrent callers are INTERVAL_MS apart, whoever asked. */
function expectSpaced(slots: Date[]) {
  const times = slots.map((s) => s.getTime()).sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) {
    expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS - 1);
  }
}

describe("reserveSlot on PGlite", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = connectDatabase({ kind: "memory" });
    await runMigrations(handle);
  });
  afterAll(() => handle.close());

  it("hands out one slot per interval per key, and keys do not share slots", async () => {
    const a = await Promise.all(
      Array.from({ length: 8 }, () => reserveSlot(handle.db, "kisi-key:a", INTERVAL_MS)),
    );
    const b = await reserveSlot(handle.db, "kisi-key:b", INTERVAL_MS);
    expectSpaced(a.map((r) => r.slotAt));
    // The 8th caller on key a waits about 7 intervals; the first on key b does not wait.
    expect(Math.max(...a.map((r) => r.waitMs))).toBeGreaterThan(6 * INTERVAL_MS);
    expect(b.waitMs).toBeLessThan(INTERVAL_MS);
  });
});

describe.skipIf(!postgresAvailable())(
  "several instances on one PostgreSQL server — skipped: apt-get install postgresql",
  () => {
    let pg: PostgresServer;
    let instances: DbHandle[];
    let emulator: KisiEmulator;

    beforeAll(async () => {
      pg = await startPostgres();
      instances = [0, 1].map(() => connectDatabase({ kind: "postgres", url: pg.url }));
      await runMigrations(instances[0]!);
      emulator = await startKisiEmulator({ port: 0 });
    }, 60_000);
    afterAll(async () => {
      await emulator?.close();
      for (const handle of instances ?? []) await handle.close();
      pg?.stop();
    });

    it("spaces slots reserved through separate connection pools", async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          reserveSlot(instances[i % 2]!.db, "kisi-key:shared", INTERVAL_MS),
        ),
      );
      expectSpaced(results.map((r) => r.slotAt));
    });

    /** Two "instances" listing locks at once with the same Kisi key; what did Kisi answer? */
    async function burst(limiters: KisiLimiter[]) {
      await fetch(`${emulator.url}/__emulator/reset`, { method: "POST" });
      const clients = limiters.map(
        (limiter) => new KisiClient({ baseUrl: emulator.url, limiter, random: () => 0 }),
      );
      const auth = { scheme: "login" as const, apiKey: DEMO_SEED.apiKey };
      // allSettled: without a shared pace a caller may exhaust its retries and throw Kisi's 429;
      // what this measures is what Kisi answered, read from the emulator's log below.
      await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => clients[i % 2]!.listLocks(auth, {})),
      );
      const log = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as {
        path: string;
        status: number;
      }[];
      return log.filter((r) => r.path === "/locks").map((r) => r.status);
    }

    it("keeps two instances together within Kisi's budget: no 429 from Kisi", async () => {
      const shared = instances.map((h) => createSharedKisiLimiter(() => Promise.resolve(h.db)));
      const statuses = await burst(shared);
      expect(statuses).toHaveLength(16);
      expect(statuses.every((s) => s === 200)).toBe(true);
    }, 30_000);

    it("(control) two instances pacing only themselves do get 429s from Kisi", async () => {
      const statuses = await burst([createKisiLimiter(), createKisiLimiter()]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    }, 30_000);
  },
);
