import "server-only";
import type { Keyring } from "@/lib/crypto/encryption";
import type { KisiClient } from "@/lib/kisi/client";
import type { KisiLinkLock } from "@/lib/kisi/schemas";
import type { LinkWithStudio } from "@/lib/links/find-by-token";
import { openFor, secretContext } from "@/lib/links/secrets";
import { log } from "@/lib/log/logger";
import { untilAborted } from "./until-aborted";

export type Door = {
  id: number;
  name: string;
  online: boolean | null;
  lockedDown: boolean;
  place: { id: number; latitude: number | null; longitude: number | null };
};

/**
 * `ttlMs`: how long a door list is reused. Short, because online/locked-down state changes;
 * long enough that a class of 50 arriving at 18:00 costs one Kisi call, not 50 (Kisi allows
 * ~5/s). Default 15 s (LATCHKEY_DOOR_CACHE_SECONDS).
 */
export type DoorsDeps = {
  kisi: KisiClient;
  keyring: Keyring;
  ttlMs?: number;
  /** Serve a list this long past its TTL while refreshing it behind (see DOORS_STALE_MS). */
  serveStaleMs?: number;
  now?: () => number;
};
const DEFAULT_TTL_MS = 15_000;
/**
 * For the unlock path: how long past its TTL a list is still served while a fresh one is
 * fetched behind it (stale-while-revalidate). Not for the guest's page view, which should show
 * "door system unreachable" as soon as Kisi stops answering. The refresh waits in the same Kisi lane as the unlocks queued at a
 * class start; if the taps waited for it, every tap arriving after the TTL would queue twice —
 * once behind the whole burst for the list, then again for its own unlock — and a tap's few
 * seconds for the list would run out (a 503 at the door). Longer than a tap may queue
 * (LATCHKEY_UNLOCK_MAX_QUEUE_SECONDS, default 120 s), so a refresh stuck behind a full queue
 * never leaves taps without a list. Safe to serve: the list only names doors; every unlock is
 * sent with the link's own secret and checked against the studio's group (group-locks.ts).
 */
export const DOORS_STALE_MS = 120_000;
const MAX_ENTRIES = 5_000;

type Entry = { doors: Door[]; fetchedAt: number };
const store = globalThis as unknown as {
  latchkeyDoors?: {
    cache: Map<string, Entry>;
    inflight: Map<string, { request: Promise<Door[]>; linkId: string }>;
  };
};
const { cache, inflight } = (store.latchkeyDoors ??= { cache: new Map(), inflight: new Map() });

/**
 * Every link of one Kisi group opens the same doors, so the list is cached and coalesced per
 * (credential, group): concurrent requests share one in-flight Kisi call. Each request still
 * presents its own link's secret when it is the one that fetches, and every unlock uses the
 * link's own secret, so a link Kisi no longer accepts cannot open anything.
 */
export async function getLinkDoors(
  deps: DoorsDeps,
  access: LinkWithStudio,
  signal?: AbortSignal,
): Promise<Door[]> {
  const now = deps.now ?? Date.now;
  const key = cacheKey(access);
  const hit = cache.get(key);
  if (hit) {
    const age = now() - hit.fetchedAt;
    if (age < (deps.ttlMs ?? DEFAULT_TTL_MS)) return hit.doors;
    if (age < (deps.ttlMs ?? DEFAULT_TTL_MS) + (deps.serveStaleMs ?? 0)) {
      if (!inflight.has(key))
        startFetch(deps, access, key).catch((error: unknown) =>
          log.warn("could not refresh a door list; the previous one stands in", {
            linkId: access.link.id,
            error,
          }),
        );
      return hit.doors;
    }
  }

  const pending = inflight.get(key);
  if (pending) {
    // Only another link's success is shared: its failure (that secret refused, Kisi busy for
    // it) says nothing about this link, which then asks with its own secret.
    const shared = await untilAborted<Door[]>(pending.request, signal, WHAT).catch(
      (error: unknown): null => {
        if (signal?.aborted || pending.linkId === access.link.id) throw error;
        return null;
      },
    );
    if (shared) return shared;
    return untilAborted<Door[]>(fetchDoors(deps, access), signal, WHAT);
  }
  // A caller that gives up stops waiting; the shared fetch goes on for the others.
  return untilAborted(startFetch(deps, access, key), signal, WHAT);
}

const WHAT = "GET /locks";

function startFetch(deps: DoorsDeps, access: LinkWithStudio, key: string): Promise<Door[]> {
  const now = deps.now ?? Date.now;
  const request = fetchDoors(deps, access)
    .then((doors) => {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, { doors, fetchedAt: now() });
      return doors;
    })
    .finally(() => inflight.delete(key));
  inflight.set(key, { request, linkId: access.link.id });
  return request;
}

async function fetchDoors(deps: DoorsDeps, { link, kisiBudget }: LinkWithStudio): Promise<Door[]> {
  if (!link.kisiSecretCiphertext) return [];
  const secret = openFor(
    secretContext.kisiLinkSecret(link.id),
    link.kisiSecretCiphertext,
    deps.keyring,
  );
  const page = await deps.kisi.listLinkLocks(
    { scheme: "group_link", secret, budgetKey: kisiBudget },
    { limit: 250 },
  );
  return page.items.map(toDoor).sort((a, b) => a.name.localeCompare(b.name));
}

function toDoor(lock: KisiLinkLock): Door {
  return {
    id: lock.id,
    name: lock.name,
    online: lock.online,
    lockedDown: lock.locked_down,
    place: { id: lock.place.id, latitude: lock.place.latitude, longitude: lock.place.longitude },
  };
}

/** How long a door list stays good enough to show (never to open) while Kisi does not answer. */
const LAST_KNOWN_MS = 24 * 3_600_000;

/**
 * The doors this instance last saw for the link's group, however old the cache entry (up to a
 * day, or `maxAgeMs`), or null. When Kisi is unreachable the guest's page still lists the doors
 * — as unavailable — instead of an empty page; an unlock never relies on this list. Emails take
 * a list minutes old rather than queue a Kisi call each behind the issuing.
 */
export function lastKnownLinkDoors(
  access: LinkWithStudio,
  now = Date.now(),
  maxAgeMs = LAST_KNOWN_MS,
): Door[] | null {
  const hit = cache.get(cacheKey(access));
  return hit && now - hit.fetchedAt < maxAgeMs ? hit.doors : null;
}

function cacheKey(access: LinkWithStudio): string {
  return `${access.studio.kisiCredentialId ?? "none"}:${access.link.kisiGroupId ?? access.link.id}`;
}

/** For tests and for revocation: forget cached lists. */
export function clearDoorCache(): void {
  cache.clear();
}

/**
 * A door's name from any door list fetched lately, or null: the audit pages show names when
 * this instance has seen them, without spending Kisi's budget on a lookup.
 */
export function knownDoorName(lockId: number): string | null {
  for (const entry of cache.values()) {
    const door = entry.doors.find((d: Door) => d.id === lockId);
    if (door) return door.name;
  }
  return null;
}
