import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db/connect";
import { log } from "@/lib/log/logger";
import { createKisiLimiter, sleep, type KisiLimiter } from "./limiter";

/**
 * The Kisi limiter for several instances on one PostgreSQL. Kisi's ~5 requests/s is per Kisi
 * user, not per Latchkey process: two instances each pacing themselves at 4/s would send 8/s.
 * Every call first reserves a start slot in `kisi_pacing` (one atomic upsert, timed by the
 * database's clock so instances' clocks never disagree), then waits for it. Within a process the
 * in-memory limiter still runs one call per key at a time, as Kisi asks.
 *
 * Keys are budget keys (`kisi-key:<sha256 prefix>`), never a Kisi key or secret.
 */
/** How late after its slot a call may still start. */
const MAX_LATENESS_MS = 100;
const MAX_RESLOTS = 5;

export function createSharedKisiLimiter(
  getDb: () => Promise<Db>,
  options: { ratePerSecond?: number } = {},
): KisiLimiter {
  const ratePerSecond = options.ratePerSecond ?? 4;
  const intervalMs = 1000 / ratePerSecond;
  const local = createKisiLimiter({ ratePerSecond });
  return {
    schedule<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return local.schedule(
        key,
        async () => {
          const db = await getDb();
          // A call that wakes up well after its slot (a busy event loop) would bunch up with the
          // calls of other instances in the next slots and overrun Kisi's window: it takes a
          // new slot instead. Bounded, so a starved process still makes progress.
          for (let attempt = 0; ; attempt++) {
            const { waitMs } = await reserveSlot(db, key, intervalMs);
            const slotAt = Date.now() + waitMs;
            if (waitMs > 0) await sleep(waitMs, signal);
            signal?.throwIfAborted();
            if (Date.now() - slotAt <= MAX_LATENESS_MS || attempt >= MAX_RESLOTS) return task();
          }
        },
        signal,
      );
    },
    busy: (key) => local.busy(key),
    pause(key: string, ms: number): void {
      local.pause(key, ms);
      // A 429 seen by one instance pauses them all.
      void getDb()
        .then((db) =>
          db.execute(sql`
            INSERT INTO kisi_pacing (key, next_slot_at)
            VALUES (${key}, clock_timestamp() + make_interval(secs => ${ms / 1000}))
            ON CONFLICT (key) DO UPDATE SET next_slot_at = greatest(
              kisi_pacing.next_slot_at, clock_timestamp() + make_interval(secs => ${ms / 1000}))`),
        )
        .catch((error: unknown) => log.warn("could not share a Kisi pause", { error }));
    },
  };
}

/** Reserves the key's next start slot: when it begins (database clock) and how soon that is. */
export async function reserveSlot(
  db: Db,
  key: string,
  intervalMs: number,
): Promise<{ slotAt: Date; waitMs: number }> {
  const seconds = intervalMs / 1000;
  const [row] = await queryRows<{ wait_ms: number | string; slot_at: string | Date }>(
    db,
    sql`
      INSERT INTO kisi_pacing AS p (key, next_slot_at)
      VALUES (${key}, clock_timestamp() + make_interval(secs => ${seconds}))
      ON CONFLICT (key) DO UPDATE
        SET next_slot_at = greatest(p.next_slot_at, clock_timestamp()) + make_interval(secs => ${seconds})
      RETURNING p.next_slot_at - make_interval(secs => ${seconds}) AS slot_at,
        extract(epoch FROM (p.next_slot_at - clock_timestamp())) * 1000 - ${intervalMs} AS wait_ms`,
  );
  if (!row) throw new Error("kisi_pacing: the upsert returned no row");
  return { slotAt: new Date(row.slot_at), waitMs: Math.max(0, Number(row.wait_ms)) };
}
