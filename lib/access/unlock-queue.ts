import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { unlockWaits } from "@/lib/db/schema";
import { keyFingerprint } from "@/lib/kisi/client";
import type { LinkWithStudio } from "@/lib/links/find-by-token";

/**
 * Bursts of taps (a class arriving at once). Kisi allows about 5 calls a second per Kisi user, so
 * taps beyond that wait their turn in the credential's lane (lib/kisi/limiter.ts: first come,
 * first served within an instance; start slots reserved in PostgreSQL across instances). A tap
 * waits as long as the guest's page stays connected, up to `maxQueueSeconds`; while it waits, a
 * row here lets the page ask, on any instance, how many taps are ahead of it.
 */
export type UnlockQueueSettings = {
  /** Whose Kisi budget a group link spends (KISI_GROUP_LINK_RATE_SCOPE). */
  rateScope: "user" | "link";
  /** A door Kisi opened for one guest answers "open" to the studio's others this long (0 = off). */
  sharedOpenSeconds: number;
  /** The longest a tap waits for its turn before it is answered "busy, try again". */
  maxQueueSeconds: number;
};

export const DEFAULT_UNLOCK_QUEUE: UnlockQueueSettings = {
  rateScope: "user",
  sharedOpenSeconds: 5,
  maxQueueSeconds: 120,
};

/** Kisi calls a lane starts per second (the limiter's pace, under Kisi's 5). */
export const LANE_RATE_PER_SECOND = 4;

/**
 * The lane a link's calls wait in. `user`: the studio key's lane, since Kisi may count a group
 * link's calls against the user who created it (the safe assumption); `link`: the link's own.
 */
export function linkLane(
  access: LinkWithStudio,
  secret: string,
  scope: UnlockQueueSettings["rateScope"],
): string {
  if (scope === "user" && access.kisiBudget) return access.kisiBudget;
  return `link:${keyFingerprint(secret)}`;
}

/** Notes that this link's tap on the door waits in `lane` (one row per link and door). */
export async function joinQueue(
  db: Db,
  wait: { linkId: string; lockId: number; lane: string },
): Promise<void> {
  await db
    .insert(unlockWaits)
    .values({ linkId: wait.linkId, kisiLockId: wait.lockId, lane: wait.lane })
    .onConflictDoUpdate({
      target: [unlockWaits.linkId, unlockWaits.kisiLockId],
      set: { lane: wait.lane, queuedAt: sql`now()` },
    });
}

export async function leaveQueue(db: Db, wait: { linkId: string; lockId: number }): Promise<void> {
  await db
    .delete(unlockWaits)
    .where(and(eq(unlockWaits.linkId, wait.linkId), eq(unlockWaits.kisiLockId, wait.lockId)));
}

export type QueuePosition =
  { queued: false } | { queued: true; position: number; etaSeconds: number };

/**
 * Where this link's tap on the door stands: 1 = next. Counts the taps of the same lane that
 * started waiting no later than it, ignoring rows older than the longest allowed wait.
 */
export async function queuePosition(
  db: Db,
  wait: { linkId: string; lockId: number },
  maxQueueSeconds: number,
): Promise<QueuePosition> {
  const [row] = await queryRows<{ position: number | string | null }>(
    db,
    sql`
      select (
        select count(*) from unlock_waits o
        where o.lane = w.lane and o.queued_at <= w.queued_at
          and o.queued_at > now() - make_interval(secs => ${maxQueueSeconds})
      ) as position
      from unlock_waits w
      where w.link_id = ${wait.linkId} and w.kisi_lock_id = ${wait.lockId}
        and w.queued_at > now() - make_interval(secs => ${maxQueueSeconds})`,
  );
  if (!row || row.position === null) return { queued: false };
  const position = Math.max(1, Number(row.position));
  return { queued: true, position, etaSeconds: Math.ceil(position / LANE_RATE_PER_SECOND) };
}

/**
 * With `KISI_GROUP_LINK_RATE_SCOPE=link` a link's calls leave the studio key's lane for their
 * own (lib/kisi/client.ts paces a group link without a budget key by its secret).
 */
export function withRateScope(
  access: LinkWithStudio | null,
  scope: UnlockQueueSettings["rateScope"],
): LinkWithStudio | null {
  if (!access || scope === "user") return access;
  return { ...access, kisiBudget: undefined };
}
