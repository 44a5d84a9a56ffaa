import "server-only";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { listAll, type KisiClient } from "@/lib/kisi/client";
import { log } from "@/lib/log/logger";
import type { LinkWithStudio } from "@/lib/links/find-by-token";
import { studioKisiAuth } from "@/lib/links/kisi-auth";
import { untilAborted } from "./until-aborted";

/**
 * The locks of a studio's Kisi group, as Kisi lists them to the studio's own key
 * (`GET /group_locks?group_id=`). The doors a link offers come from `GET /locks` asked with the
 * link's secret; before any unlock the door is also checked against this list, so a link that
 * Kisi lets see more than the studio's group (a link minted on another group, a staff door added
 * to the link by hand, a Kisi bug) never opens a door the studio does not hand to guests.
 *
 * Cached per (Kisi key, group) for `ttlMs` (LATCHKEY_GROUP_LOCKS_CACHE_SECONDS, default 60 s),
 * with concurrent misses sharing one call, so the unlock path does not gain a Kisi call per tap:
 * a class of 50 arriving together costs one call a minute.
 *
 * Past the TTL the old list keeps answering while one refresh runs behind it (stale-while-
 * revalidate, for at most STALE_MS from its read): the refresh waits in the studio's Kisi lane
 * behind the unlocks queued at a class start, and a tap must not wait for it there.
 *
 * When the list cannot be read (Kisi down or slow, the key refused or missing): a list read
 * less than STALE_MS ago is used — it was Kisi's own answer then, and Kisi itself still refuses
 * an unlock of a lock outside the link's group — and otherwise the tap **fails closed**
 * (`kisi_unavailable`, retried by the page): without a list there is nothing to check the door
 * against, and opening anyway would make this check vanish exactly when Kisi misbehaves.
 */
export type GroupLocksDeps = {
  db: Db;
  kisi: KisiClient;
  keyring: Keyring;
  ttlMs?: number;
  now?: () => number;
};
export type GroupLockCheck = "in_group" | "not_in_group" | "unknown";

const DEFAULT_TTL_MS = 60_000;
/** How long a list past its TTL may stand in while Kisi cannot be asked again. */
export const STALE_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

type Entry = { lockIds: Set<number>; fetchedAt: number };
const store = globalThis as unknown as {
  latchkeyGroupLocks?: { cache: Map<string, Entry>; inflight: Map<string, Promise<Set<number>>> };
};
const { cache, inflight } = (store.latchkeyGroupLocks ??= {
  cache: new Map(),
  inflight: new Map(),
});

/** Whether `lockId` is one of the locks of the link's studio's current Kisi group. */
export async function checkDoorInStudioGroup(
  deps: GroupLocksDeps,
  access: LinkWithStudio,
  lockId: number,
  signal?: AbortSignal,
): Promise<GroupLockCheck> {
  const lockIds = await studioGroupLockIds(deps, access, signal);
  if (!lockIds) return "unknown";
  return lockIds.has(lockId) ? "in_group" : "not_in_group";
}

async function studioGroupLockIds(
  deps: GroupLocksDeps,
  { studio }: LinkWithStudio,
  signal?: AbortSignal,
): Promise<Set<number> | null> {
  // The studio's group now, not the one the link was made on: after an owner moves a studio off
  // a group (say one with staff doors), links issued on the old group stop opening its doors.
  const groupId = studio.kisiGroupId;
  if (groupId === null || studio.kisiCredentialId === null) return null;
  const now = deps.now ?? Date.now;
  const key = `${studio.kisiCredentialId}:${groupId}`;
  const hit = cache.get(key);
  const fresh = (entry: Entry) => now() - entry.fetchedAt < (deps.ttlMs ?? DEFAULT_TTL_MS);
  const usable = (entry: Entry) => now() - entry.fetchedAt < STALE_MS;
  if (hit && fresh(hit)) return hit.lockIds;
  // The fetch is shared, so it carries no caller's signal: one tap giving up must not fail it
  // for the others.
  const fetching = () => {
    let request = inflight.get(key);
    if (!request) {
      request = fetchLockIds(deps, studio.id, groupId)
        .then((lockIds) => {
          if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
          cache.set(key, { lockIds, fetchedAt: now() });
          return lockIds;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, request);
    }
    return request;
  };
  const warn = (error: unknown, usingStale: boolean) =>
    log.warn("could not read the studio group's locks", {
      studioId: studio.id,
      groupId,
      usingStale,
      error,
    });
  if (hit && usable(hit)) {
    fetching().catch((error: unknown) => warn(error, true));
    return hit.lockIds;
  }
  try {
    return await untilAborted(fetching(), signal, "GET /group_locks");
  } catch (error) {
    warn(error, false);
    return null;
  }
}

async function fetchLockIds(
  deps: GroupLocksDeps,
  studioId: string,
  groupId: number,
): Promise<Set<number>> {
  const auth = await studioKisiAuth(deps, studioId);
  if (!auth) throw new Error("the studio has no usable Kisi key");
  const locks = await listAll((q) => deps.kisi.listGroupLocks(auth, groupId, q));
  // Only items of the group asked for: a garbled answer cannot widen the list.
  return new Set(locks.filter((l) => l.group_id === groupId).map((l) => l.lock_id));
}

/** For tests: forget cached lists. */
export function clearGroupLocksCache(): void {
  cache.clear();
}
