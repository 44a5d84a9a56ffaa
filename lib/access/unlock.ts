import "server-only";
import { sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { ApiError, isApiError } from "@/lib/api/errors";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import type { unlockAudit } from "@/lib/db/schema";
import type { KisiClient, KisiLinkAuth } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import { findLinkByToken, type LinkWithStudio } from "@/lib/links/find-by-token";
import { openFor, secretContext } from "@/lib/links/secrets";
import { linkState } from "@/lib/links/state";
import { log } from "@/lib/log/logger";
import { writeUnlockAudit } from "@/lib/audit/unlock-audit";
import { metrics } from "@/lib/metrics/registry";
import { DOORS_STALE_MS, getLinkDoors } from "./doors";
import { markLinkGoneOnKisi } from "@/lib/links/kisi-gone";
import { narrowKisiToFirstUse } from "@/lib/links/change-window";
import { confirmVisit, releaseVisit, reserveVisit } from "@/lib/access-rules/visits";
import {
  kisiSaysLinkGone,
  visitorCodeForKisiError,
  visitorCodeForUnlockError,
} from "./kisi-outcome";
import { ACCESS_LIMITS, clearMarker, hasRecentMarker, hitRateLimit, setMarker } from "./rate-limit";
import { decideDoorFences, loadDoorFences } from "./door-fence";
import { checkDoorInStudioGroup } from "./group-locks";
import {
  DEFAULT_UNLOCK_QUEUE,
  joinQueue,
  leaveQueue,
  linkLane,
  withRateScope,
  type UnlockQueueSettings,
} from "./unlock-queue";

/** POST /api/access/doors/{lockId}/unlock body. Coordinates are WGS-84 degrees. */
export { unlockBodySchema, type UnlockBody } from "@/lib/schemas/access";
import type { UnlockBody } from "@/lib/schemas/access";

/** A lock id in a URL: a positive integer, digits only ("05", "1e3", "-1", "٣" are refused). */
export function parseLockId(value: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(value))
    throw new ApiError("invalid_request", {
      issues: [{ path: "lockId", message: "positiveInteger" }],
    });
  return Number(value);
}

export type UnlockDeps = {
  db: Db;
  kisi: KisiClient;
  keyring: Keyring;
  ipSalt: string;
  doorCacheMs?: number;
  /** How long a studio group's lock list is reused (LATCHKEY_GROUP_LOCKS_CACHE_SECONDS). */
  groupLocksCacheMs?: number;
  /** Bursts: rate scope, shared opening, longest wait (lib/access/unlock-queue.ts). */
  queue?: UnlockQueueSettings;
  now?: () => Date;
};
export type UnlockRequest = {
  token: string | null;
  lockId: number;
  body: UnlockBody;
  ip: string | null;
  userAgent: string | null;
  /** The HTTP request's signal: a guest who gave up must not have the door open later. */
  signal?: AbortSignal;
};
/**
 * `deduplicated`: answered without a Kisi call of its own — the same tap twice, or (`shared`) a
 * door Kisi opened a moment ago for another guest of the studio.
 */
export type UnlockResult = { status: "unlocked"; deduplicated: boolean; shared?: boolean };

/** How long a door list may take on the unlock path before the tap is answered kisi_unavailable. */
const DOOR_LIST_BUDGET_MS = 4_000;
/** A claim outlives a tap's longest wait plus its call (8 s deadline); released when it ends. */
const claimSeconds = (queue: UnlockQueueSettings) => queue.maxQueueSeconds + 10;

type AuditExtra = Partial<typeof unlockAudit.$inferInsert>;
type Recorder = (outcome: string, allowed: boolean, extra?: AuditExtra) => Promise<void>;

/** Records a refusal with its link, then throws the visitor code. */
function denier(record: Recorder, linkAudit: { linkId: string; studioId: string }) {
  return async (
    code: ApiError["code"],
    extra: AuditExtra = {},
    retryAfterSeconds?: number,
  ): Promise<never> => {
    await record(code, false, { ...linkAudit, ...extra });
    throw new ApiError(code, { retryAfterSeconds });
  };
}

/** In-process coalescing of a double tap: the second request awaits the first one's result. */
const inflight = ((
  globalThis as unknown as { latchkeyUnlocks?: Map<string, Promise<UnlockResult>> }
).latchkeyUnlocks ??= new Map());
/** Kisi unlocks under way per studio and door: the studio's other guests may share the opening. */
const doorInflight = ((
  globalThis as unknown as { latchkeyDoorUnlocks?: Map<string, Promise<void>> }
).latchkeyDoorUnlocks ??= new Map());

/**
 * The server's decision for one unlock (docs/architecture.md journey 3). Every check runs here, for
 * every request: the browser's checks are only for its interface. Every attempt is audited.
 * Throws ApiError with a visitor code when the door must stay shut.
 */
export async function unlockDoor(deps: UnlockDeps, req: UnlockRequest): Promise<UnlockResult> {
  try {
    const result = await decide(deps, req);
    countUnlock(result.deduplicated ? "unlocked_duplicate" : "unlocked");
    return result;
  } catch (error) {
    countUnlock(isApiError(error) ? error.code : "service_unavailable");
    if (isApiError(error)) throw error;
    // Anything else (the database, the rate-limit store) fails closed, as a retryable 503
    // (SECURITY.md B-5, I-3): no door opens without every check having passed.
    log.error("unlock failed closed", { error });
    throw new ApiError("service_unavailable", { cause: error });
  }
}

/** The outcome of every attempt, for GET /api/metrics: the same words the audit records. */
function countUnlock(outcome: string): void {
  metrics().unlocks.inc({ outcome });
}

/** A keyed hash of the caller's address: audit rows and rate-limit keys never hold the IP. */
export function hashClientIp(ipSalt: string, ip: string | null): string | null {
  return ip ? createHash("sha256").update(`${ipSalt}:${ip}`).digest("hex").slice(0, 32) : null;
}

/**
 * Counts a lookup of an unknown token against the caller's address and returns the refusal to
 * throw: not_found, or rate_limited once the address has guessed too often (SECURITY.md B-4).
 * Shared by every visitor route that looks a token up, so alternating between them gains nothing.
 */
export async function countFailedLookup(
  db: Db,
  ipHash: string | null,
  now = new Date(),
): Promise<ApiError> {
  const { limit, windowSeconds } = ACCESS_LIMITS.failedLookupsPerIp;
  const failures = await hitRateLimit(
    db,
    `lookup-fail:${ipHash ?? "unknown"}`,
    limit,
    windowSeconds,
    now,
  );
  return failures.allowed
    ? new ApiError("not_found")
    : new ApiError("rate_limited", { retryAfterSeconds: failures.retryAfterSeconds });
}

async function decide(deps: UnlockDeps, req: UnlockRequest): Promise<UnlockResult> {
  const now = deps.now?.() ?? new Date();
  const ipHash = hashClientIp(deps.ipSalt, req.ip);
  const audit: Omit<typeof unlockAudit.$inferInsert, "outcome" | "allowed"> = {
    kisiLockId: req.lockId,
    latitude: req.body.latitude ?? null,
    longitude: req.body.longitude ?? null,
    accuracyM: req.body.accuracy ?? null,
    ipHash,
    userAgent: req.userAgent?.slice(0, 300) ?? null,
  };
  const record: Recorder = async (outcome, allowed, extra = {}) => {
    try {
      await writeUnlockAudit(deps.db, { ...audit, ...extra, outcome, allowed });
    } catch (error) {
      log.error("unlock audit write failed", { outcome, error });
    }
  };

  // Unknown tokens are counted per client address, and past the limit answered 429 instead of
  // 404 (SECURITY.md B-4). The lookup runs first, so a shared or spoofed address can never
  // lock out a guest who holds a valid link.
  const access = withRateScope(
    await findLinkByToken(deps.db, req.token),
    (deps.queue ?? DEFAULT_UNLOCK_QUEUE).rateScope,
  );
  if (!access || linkState(access.link, now) === "unavailable") {
    const refusal = await countFailedLookup(deps.db, ipHash, now);
    await record(refusal.code, false);
    throw refusal;
  }
  const linkAudit = { linkId: access.link.id, studioId: access.studio.id };
  const deny = denier(record, linkAudit);

  const state = linkState(access.link, now);
  if (state === "scheduled") return deny("not_yet_valid");
  if (state === "expired") return deny("expired");
  if (state === "revoked") return deny("revoked");

  const perToken = await hitRateLimit(
    deps.db,
    `unlock:${access.link.id}`,
    ACCESS_LIMITS.unlockPerToken.limit,
    ACCESS_LIMITS.unlockPerToken.windowSeconds,
    now,
  );
  if (!perToken.allowed) return deny("rate_limited", {}, perToken.retryAfterSeconds);

  const dedupeKey = `${access.link.id}:${req.lockId}`;
  const running = inflight.get(dedupeKey);
  if (running) {
    // The same tap twice on this instance: share the first one's outcome, audited either way.
    try {
      const result = await running;
      await record("unlocked_duplicate", true, linkAudit);
      return { ...result, deduplicated: true };
    } catch (error) {
      if (isApiError(error)) await record(error.code, false, linkAudit);
      throw error;
    }
  }
  const task = decideAndUnlock(deps, access, req, now, record, linkAudit);
  inflight.set(dedupeKey, task);
  try {
    return await task;
  } finally {
    inflight.delete(dedupeKey);
  }
}

async function decideAndUnlock(
  deps: UnlockDeps,
  access: LinkWithStudio,
  req: UnlockRequest,
  now: Date,
  record: Recorder,
  linkAudit: { linkId: string; studioId: string },
): Promise<UnlockResult> {
  const queue = deps.queue ?? DEFAULT_UNLOCK_QUEUE;
  // A link without a Kisi secret (its creation never finished) has no doors: the checks below
  // refuse it as unknown_door, audited, without a lane to wait in.
  if (!access.link.kisiSecretCiphertext)
    return decideInTurn(deps, access, req, now, record, linkAudit, { queue, auth: null });
  const secret = openFor(
    secretContext.kisiLinkSecret(access.link.id),
    access.link.kisiSecretCiphertext,
    deps.keyring,
  );
  const auth = {
    scheme: "group_link" as const,
    secret,
    budgetKey: linkLane(access, secret, queue.rateScope),
  };
  // A tap that arrives while its Kisi lane is busy (a class at the door) notes that it waits, so
  // the page can show its place; an idle lane costs no extra write.
  const wait = { linkId: access.link.id, lockId: req.lockId, lane: auth.budgetKey };
  const queued = deps.kisi.busy(auth);
  if (queued) await joinQueue(deps.db, wait);
  try {
    return await decideInTurn(deps, access, req, now, record, linkAudit, { queue, auth });
  } finally {
    if (queued)
      void leaveQueue(deps.db, wait).catch((error: unknown) =>
        log.warn("could not clear a queue row", { error }),
      );
  }
}

async function decideInTurn(
  deps: UnlockDeps,
  access: LinkWithStudio,
  req: UnlockRequest,
  now: Date,
  record: Recorder,
  linkAudit: { linkId: string; studioId: string },
  {
    queue,
    auth,
  }: { queue: UnlockQueueSettings; auth: (KisiLinkAuth & { budgetKey: string }) | null },
): Promise<UnlockResult> {
  const deny = denier(record, linkAudit);

  let doors;
  try {
    // The door list gets a few seconds of the tap's budget, never Kisi's full retry schedule.
    const budget = AbortSignal.timeout(DOOR_LIST_BUDGET_MS);
    doors = await getLinkDoors(
      {
        kisi: deps.kisi,
        keyring: deps.keyring,
        ttlMs: deps.doorCacheMs,
        serveStaleMs: DOORS_STALE_MS,
      },
      access,
      req.signal ? AbortSignal.any([budget, req.signal]) : budget,
    );
  } catch (error) {
    if (!isKisiError(error)) return deny("kisi_unavailable");
    if (kisiSaysLinkGone(error)) await markLinkGoneOnKisi(deps.db, access.link.id, now);
    return deny(visitorCodeForKisiError(error));
  }
  const door = doors.find((d) => d.id === req.lockId);
  if (!door || !auth) return deny("unknown_door");

  // The link may list a door only if the studio's own group holds it (lib/access/group-locks.ts:
  // cached, and failing closed when the group's list cannot be known).
  const inGroup = await checkDoorInStudioGroup(
    {
      db: deps.db,
      kisi: deps.kisi,
      keyring: deps.keyring,
      ttlMs: deps.groupLocksCacheMs,
      now: () => (deps.now?.() ?? new Date()).getTime(),
    },
    access,
    door.id,
    AbortSignal.timeout(DOOR_LIST_BUDGET_MS),
  );
  if (inGroup === "unknown") return deny("kisi_unavailable");
  if (inGroup === "not_in_group") {
    log.warn("a link listed a door outside its studio's Kisi group", {
      linkId: access.link.id,
      studioId: access.studio.id,
      lockId: door.id,
    });
    return deny("door_not_in_group");
  }

  // Every fence on this door, from any studio of the organization that holds it: a sibling
  // studio's link must not open a fenced door from anywhere.
  const { fences, sharedOpenSeconds } = await loadDoorFences(deps.db, {
    organizationId: access.studio.organizationId,
    studioId: access.studio.id,
    linkGroupId: access.link.kisiGroupId,
    doors: [
      {
        id: door.id,
        place:
          door.place.latitude !== null && door.place.longitude !== null
            ? { latitude: door.place.latitude, longitude: door.place.longitude }
            : null,
      },
    ],
  });
  const decision = decideDoorFences(
    fences.get(door.id) ?? [],
    req.body.latitude === undefined
      ? null
      : { ...req.body, latitude: req.body.latitude, longitude: req.body.longitude! },
    now,
  );
  if (!decision.allowed) return deny(decision.code, { distanceM: decision.distanceM });
  const distance = { distanceM: decision.distanceM };

  if (door.lockedDown) return deny("locked_down", distance);
  if (door.online === false) return deny("door_offline", distance);

  // Access rules Kisi cannot express (lib/access-rules): opening hours, the link's schedule, its
  // visits and first-use validity. Decided after every other check, so a refused tap never uses
  // a visit, and before any success path (a duplicate, a shared opening), so none bypasses it.
  const visit = await reserveVisit(deps.db, access, now);
  if (!visit.ok) return deny(visit.refused, distance);
  let result: UnlockResult;
  try {
    result = await openDoor(deps, access, req, now, record, linkAudit, {
      // The door's own shared-opening window when the studio set one (0 = off for this door).
      queue: {
        ...queue,
        sharedOpenSeconds: sharedOpenSeconds.get(door.id) ?? queue.sharedOpenSeconds,
      },
      auth,
      doorId: door.id,
      distance,
    });
  } catch (error) {
    // The door may have opened (Kisi took the request, its answer was lost): the visit counts,
    // and a retry within the visit is free. Any definite refusal hands the visit back.
    if (isApiError(error) && error.code === "unlock_unconfirmed")
      await confirmVisit(deps.db, access.link.id, visit.ticket);
    else await releaseVisit(deps.db, access.link.id, visit.ticket);
    throw error;
  }
  if (await confirmVisit(deps.db, access.link.id, visit.ticket))
    void narrowKisiToFirstUse(deps, access.link.id).catch((error: unknown) =>
      log.warn("could not narrow the Kisi link to its first-use validity", {
        linkId: access.link.id,
        error,
      }),
    );
  return result;
}

/** The opening itself, once every check passed: dedupe, shared opening, claim, Kisi. */
async function openDoor(
  deps: UnlockDeps,
  access: LinkWithStudio,
  req: UnlockRequest,
  now: Date,
  record: Recorder,
  linkAudit: { linkId: string; studioId: string },
  {
    queue,
    auth,
    doorId,
    distance,
  }: {
    queue: UnlockQueueSettings;
    auth: KisiLinkAuth & { budgetKey: string };
    doorId: number;
    distance: { distanceM: number | null };
  },
): Promise<UnlockResult> {
  const deny = denier(record, linkAudit);
  const door = { id: doorId };
  // A door this link opened a moment ago is still open: a second tap (possibly on another
  // instance) is told so without a second Kisi call. Only a Kisi 200 sets this marker, so a
  // failed first tap is never reported as a success.
  const openedKey = `unlocked:${access.link.id}:${door.id}`;
  if (await hasRecentMarker(deps.db, openedKey, ACCESS_LIMITS.dedupeSeconds, now)) {
    await record("unlocked_duplicate", true, { ...linkAudit, ...distance });
    return { status: "unlocked", deduplicated: true };
  }
  // Shared opening: every check above passed for this guest, and Kisi opened this very door for
  // another guest of the studio a moment ago (or is opening it now): the door is open, so the
  // tap is answered so without a Kisi call of its own, and audited as such. Only a Kisi 200
  // counts, so a failed opening is never shared.
  const doorKey = `door-opened:${access.studio.id}:${door.id}`;
  if (queue.sharedOpenSeconds > 0) {
    const opening = doorInflight.get(doorKey);
    const sharedNow = opening
      ? await opening.then(
          () => true,
          () => false,
        )
      : await hasRecentMarker(deps.db, doorKey, queue.sharedOpenSeconds, now);
    if (sharedNow) {
      await record("unlocked_shared", true, { ...linkAudit, ...distance });
      return { status: "unlocked", deduplicated: true, shared: true };
    }
  }
  // While this call runs, a simultaneous tap on another instance is refused as rate_limited
  // (retry in 2 s): the page tries again and then finds the door open (the marker above).
  const claimKey = `claim:${access.link.id}:${door.id}`;
  const claim = await hitRateLimit(deps.db, claimKey, 1, claimSeconds(queue), now);
  if (!claim.allowed) return deny("rate_limited", distance, 2);

  try {
    // Right before Kisi, in one read: revoked meanwhile? And did another instance's call for
    // this link and door finish between the marker check above and our claim (it set the
    // marker, then released its claim)? Then the door is open: no second Kisi call.
    const current = await currentLinkAndMarker(
      deps.db,
      access.link.id,
      openedKey,
      new Date(now.getTime() - ACCESS_LIMITS.dedupeSeconds * 1000),
    );
    if (current?.status !== "issued") return deny("revoked", distance);
    if (current.justOpened) {
      await record("unlocked_duplicate", true, { ...linkAudit, ...distance });
      return { status: "unlocked", deduplicated: true };
    }

    const call = deps.kisi.unlock(
      auth,
      door.id,
      req.body.latitude !== undefined && req.body.longitude !== undefined
        ? { location: { latitude: req.body.latitude, longitude: req.body.longitude } }
        : {},
      { signal: req.signal, maxQueueMs: queue.maxQueueSeconds * 1000 },
    );
    if (queue.sharedOpenSeconds > 0) {
      const shared = call.then(() => setMarker(deps.db, doorKey, new Date()));
      doorInflight.set(doorKey, shared);
      void shared
        .catch(() => undefined)
        .finally(() => {
          if (doorInflight.get(doorKey) === shared) doorInflight.delete(doorKey);
        });
    }
    try {
      await call;
    } catch (error) {
      if (!isKisiError(error)) throw error;
      if (kisiSaysLinkGone(error)) await markLinkGoneOnKisi(deps.db, access.link.id, now);
      return deny(visitorCodeForUnlockError(error), {
        ...distance,
        kisiStatus: error.status ?? null,
        kisiCode: error.code ?? null,
      });
    }
    await setMarker(deps.db, openedKey, new Date());
  } finally {
    await clearMarker(deps.db, claimKey);
  }
  await record("unlocked", true, { ...linkAudit, ...distance, kisiStatus: 200 });
  return { status: "unlocked", deduplicated: false };
}

/** The link's status and whether its "just opened" marker for a door is newer than `since`. */
async function currentLinkAndMarker(
  db: Db,
  linkId: string,
  openedKey: string,
  since: Date,
): Promise<{ status: string; justOpened: boolean } | null> {
  const [row] = await queryRows<{ status: string; just_opened: boolean }>(
    db,
    sql`select status, exists (
          select 1 from rate_limit_counters where key = ${openedKey} and window_start > ${since}
        ) as just_opened
        from access_links where id = ${linkId}`,
  );
  return row ? { status: row.status, justOpened: Boolean(row.just_opened) } : null;
}
