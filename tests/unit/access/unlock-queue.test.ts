import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { clearDoorCache } from "@/lib/access/doors";
import { clearGroupLocksCache } from "@/lib/access/group-locks";
import { unlockDoor, type UnlockBody, type UnlockDeps } from "@/lib/access/unlock";
import { linkLane, queuePosition, withRateScope } from "@/lib/access/unlock-queue";
import { ApiError } from "@/lib/api/errors";
import { doorSettings, rateLimitCounters, unlockAudit, unlockWaits } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { KisiClient } from "@/lib/kisi/client";
import { createKisiLimiter, type KisiLimiter } from "@/lib/kisi/limiter";
import { findLinkByToken } from "@/lib/links/find-by-token";
import { openFor, secretContext } from "@/lib/links/secrets";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

/**
 * Bursts of taps: shared opening, the queue a tap waits in (and leaves when its page goes away),
 * where it stands, and whose Kisi pace a link spends (KISI_GROUP_LINK_RATE_SCOPE).
 */
let fx: AccessFixture;
const [FRONT_DOOR, STUDIO_1, LOCKER_ROOM] = DEMO_SEED.guestLockIds as [number, number, number];

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.emulator.reset();
  clearDoorCache();
  clearGroupLocksCache();
  await fx.db.delete(unlockAudit);
  await fx.db.delete(rateLimitCounters);
  await fx.db.delete(unlockWaits);
});

const unlocksAt = (lockId: number) =>
  fx.emulator.requests.filter((r) => r.method === "POST" && r.path === `/locks/${lockId}/unlock`);
const outcomes = async () => (await fx.db.select().from(unlockAudit)).map((a) => a.outcome).sort();

/** The fixture's deps with their own limiter, so a test can hold a Kisi lane. */
function depsWith(
  queue: Partial<NonNullable<UnlockDeps["queue"]>> = {},
  limiter: KisiLimiter = createKisiLimiter({ ratePerSecond: 1000 }),
): UnlockDeps {
  const kisi = new KisiClient({
    baseUrl: fx.emulator.url,
    limiter,
    timeouts: { readMs: 1_000, writeMs: 1_000, unlockMs: 1_000, unlockDeadlineMs: 2_500 },
    random: () => 0,
  });
  return {
    ...fx.deps,
    kisi,
    // Door and group lists are read once per test, so what waits in a held lane is the unlock.
    doorCacheMs: 60_000,
    groupLocksCacheMs: 60_000,
    queue: { rateScope: "user", sharedOpenSeconds: 5, maxQueueSeconds: 60, ...queue },
  };
}

/** One tap on the locker room first: the door and group lists are then cached for the test. */
async function warm(deps: UnlockDeps) {
  const { token } = await fx.issue({ guestName: "Warm-up" });
  await tap(deps, token, LOCKER_ROOM);
}

function tap(
  deps: UnlockDeps,
  token: string,
  lockId: number,
  signal?: AbortSignal,
  body: UnlockBody = {},
) {
  return unlockDoor(deps, { token, lockId, body, ip: "203.0.113.9", userAgent: null, signal });
}

/** A phone's fix `meters` north of the studio, fresh and precise. */
const fix = (meters: number) => ({
  latitude: DEMO_SEED.latitude + meters / 111_195,
  longitude: DEMO_SEED.longitude,
  accuracy: 15,
  capturedAt: new Date(Date.now() - 2_000).toISOString(),
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: ApiError) => e.code,
  );

/** The studio key's lane, the one a link's calls wait in with the `user` scope. */
async function studioLane(token: string) {
  const access = await findLinkByToken(fx.db, token);
  if (!access?.kisiBudget) throw new Error("the demo link has no studio budget");
  return access.kisiBudget;
}

describe("shared opening", () => {
  it("a door Kisi just opened for one guest is 'open' for the studio's next guest, with no Kisi call", async () => {
    const deps = depsWith();
    const a = await fx.issue({ guestName: "Ann" });
    const b = await fx.issue({ guestName: "Ben" });
    expect(await tap(deps, a.token, FRONT_DOOR)).toEqual({
      status: "unlocked",
      deduplicated: false,
    });
    expect(await tap(deps, b.token, FRONT_DOOR)).toEqual({
      status: "unlocked",
      deduplicated: true,
      shared: true,
    });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
    expect(await outcomes()).toEqual(["unlocked", "unlocked_shared"]);
    // Another door is not shared.
    await tap(deps, b.token, STUDIO_1);
    expect(unlocksAt(STUDIO_1)).toHaveLength(1);
  });

  it("guests tapping while Kisi is still opening the door share that one call", async () => {
    const deps = depsWith();
    fx.emulator.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      times: 1,
      action: { kind: "latency", ms: 600 },
    });
    const links = await Promise.all([1, 2, 3].map((i) => fx.issue({ guestName: `G${i}` })));
    const first = tap(deps, links[0]!.token, FRONT_DOOR);
    // The first call has reached Kisi, which takes its time to answer.
    await vi.waitFor(() => expect(unlocksAt(FRONT_DOOR)).toHaveLength(1), { timeout: 5_000 });
    const rest = await Promise.all(links.slice(1).map((l) => tap(deps, l.token, FRONT_DOOR)));
    expect((await first).deduplicated).toBe(false);
    expect(rest.map((r) => r.shared)).toEqual([true, true]);
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
  });

  it("a failed opening is never shared: the next guest asks Kisi", async () => {
    const deps = depsWith();
    fx.emulator.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      times: 2,
      action: { kind: "status", status: 503, body: { code: "fac001", error: "x" } },
    });
    const a = await fx.issue();
    const b = await fx.issue();
    expect(await codeOf(tap(deps, a.token, FRONT_DOOR))).toBe("door_offline");
    expect(await tap(deps, b.token, FRONT_DOOR)).toMatchObject({ deduplicated: false });
    expect(unlocksAt(FRONT_DOOR).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("is off at 0 seconds, and ends with its window", async () => {
    const a = await fx.issue();
    const b = await fx.issue();
    const off = depsWith({ sharedOpenSeconds: 0 });
    await tap(off, a.token, FRONT_DOOR);
    expect(await tap(off, b.token, FRONT_DOOR)).toMatchObject({ deduplicated: false });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(2);

    const c = await fx.issue();
    const later = { ...depsWith(), now: () => new Date(Date.now() + 6_000) };
    expect(await tap(later, c.token, FRONT_DOOR)).toMatchObject({ deduplicated: false });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(3);
  });

  it("a guest refused by the checks is refused, even while the door stands open", async () => {
    const deps = depsWith();
    await fx.setGeofence({ geofenceEnabled: true, geofenceRadiusM: 100 });
    try {
      const [near, far] = [await fx.issue(), await fx.issue()];
      expect(await tap(deps, near.token, FRONT_DOOR, undefined, fix(20))).toMatchObject({
        deduplicated: false,
      });
      expect(await codeOf(tap(deps, far.token, FRONT_DOOR, undefined, fix(2_000)))).toBe("too_far");
      expect(await outcomes()).toEqual(["too_far", "unlocked"]);
    } finally {
      await fx.setGeofence({ geofenceEnabled: false });
    }
  });

  it("a door's own window wins over the deployment's: off on one door, longer on another", async () => {
    await fx.db.insert(doorSettings).values([
      { studioId: DEMO_IDS.studio, kisiLockId: FRONT_DOOR, sharedOpenSeconds: 0 },
      { studioId: DEMO_IDS.studio, kisiLockId: STUDIO_1, sharedOpenSeconds: 20 },
    ]);
    try {
      // The deployment shares for 5 s; the front door asked for none: each guest asks Kisi.
      const [a, b, c] = [await fx.issue(), await fx.issue(), await fx.issue()];
      await tap(depsWith(), a.token, FRONT_DOOR);
      expect(await tap(depsWith(), b.token, FRONT_DOOR)).toMatchObject({ deduplicated: false });
      expect(unlocksAt(FRONT_DOOR)).toHaveLength(2);
      // The deployment's sharing is off; Studio 1 shares for 20 s: 12 s later it is still open.
      const off = depsWith({ sharedOpenSeconds: 0 });
      await tap(off, a.token, STUDIO_1);
      const later = { ...off, now: () => new Date(Date.now() + 12_000) };
      expect(await tap(later, c.token, STUDIO_1)).toMatchObject({ shared: true });
      expect(unlocksAt(STUDIO_1)).toHaveLength(1);
    } finally {
      await fx.db.delete(doorSettings);
    }
  });
});

describe("the queue", () => {
  it("a tap waits its turn as long as the page stays connected, past the old 8 s rule", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const deps = depsWith({ sharedOpenSeconds: 0 }, limiter);
    await warm(deps);
    const a = await fx.issue();
    // Kisi asked the lane to wait (e.g. after a 429): longer than the unlock's own deadline.
    limiter.pause(await studioLane(a.token), 3_000);
    expect(await tap(deps, a.token, FRONT_DOOR)).toMatchObject({ status: "unlocked" });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
  });

  it("a waiting tap reports its place, and leaves the queue once sent", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const deps = depsWith({ sharedOpenSeconds: 0 }, limiter);
    await warm(deps);
    const links = await Promise.all([1, 2, 3].map(() => fx.issue()));
    const lane = await studioLane(links[0]!.token);
    limiter.pause(lane, 800);
    // Kisi paused the lane: the three taps wait in arrival order.
    const taps = [tap(deps, links[0]!.token, FRONT_DOOR)];
    await new Promise((r) => setTimeout(r, 50));
    taps.push(tap(deps, links[1]!.token, STUDIO_1));
    await new Promise((r) => setTimeout(r, 50));
    taps.push(tap(deps, links[2]!.token, FRONT_DOOR));
    await new Promise((r) => setTimeout(r, 200));
    expect(deps.kisi.busy({ scheme: "group_link", secret: "x", budgetKey: lane })).toBe(true);
    const place = (i: number, lockId: number) =>
      queuePosition(fx.db, { linkId: links[i]!.link.id, lockId }, 60);
    expect(await place(0, FRONT_DOOR)).toEqual({ queued: true, position: 1, etaSeconds: 1 });
    expect(await place(1, STUDIO_1)).toEqual({ queued: true, position: 2, etaSeconds: 1 });
    expect(await place(2, FRONT_DOOR)).toEqual({ queued: true, position: 3, etaSeconds: 1 });
    // Another door of the same link, never tapped, is not in the queue.
    expect(await place(1, FRONT_DOOR)).toEqual({ queued: false });
    await Promise.all(taps);
    await new Promise((r) => setTimeout(r, 50)); // the rows are cleared as each call leaves
    expect(await place(1, STUDIO_1)).toEqual({ queued: false });
    expect(await fx.db.select().from(unlockWaits)).toEqual([]);
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(2);
  });

  it("a tap whose page disconnects while queued never reaches Kisi", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const deps = depsWith({ sharedOpenSeconds: 0 }, limiter);
    await warm(deps);
    const [a, b] = [await fx.issue(), await fx.issue()];
    const lane = await studioLane(a.token);
    limiter.pause(lane, 600);
    const first = tap(deps, a.token, STUDIO_1);
    await new Promise((r) => setTimeout(r, 50));
    const page = new AbortController();
    const queued = codeOf(tap(deps, b.token, FRONT_DOOR, page.signal));
    await new Promise((r) => setTimeout(r, 100));
    page.abort(); // the guest closed the page while waiting
    expect(await queued).toBe("kisi_unavailable");
    await first;
    await new Promise((r) => setTimeout(r, 700)); // long after the lane moved on
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
    expect(fx.emulator.state.unlocks.map((u) => u.lockId)).toEqual([LOCKER_ROOM, STUDIO_1]);
    expect(await fx.db.select().from(unlockWaits)).toEqual([]);
  });

  it("a tap that waited longer than allowed is answered busy and never sent", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const deps = depsWith({ sharedOpenSeconds: 0, maxQueueSeconds: 1 }, limiter);
    await warm(deps);
    const a = await fx.issue();
    limiter.pause(await studioLane(a.token), 1_500);
    const error = await tap(deps, a.token, FRONT_DOOR).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("kisi_unavailable");
    await new Promise((r) => setTimeout(r, 200));
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });
});

describe("KISI_GROUP_LINK_RATE_SCOPE", () => {
  it("user (default): every link of the studio waits in the studio key's lane", async () => {
    const a = await fx.issue();
    const access = await findLinkByToken(fx.db, a.token);
    const secret = openFor(
      secretContext.kisiLinkSecret(a.link.id),
      access!.link.kisiSecretCiphertext!,
      fx.config.encryption,
    );
    expect(linkLane(access!, secret, "user")).toBe(access!.kisiBudget);
    expect(linkLane(access!, secret, "link")).toMatch(/^link:/);
    expect(linkLane(access!, secret, "link")).not.toBe(access!.kisiBudget);
    expect(withRateScope(access, "link")?.kisiBudget).toBeUndefined();
    expect(withRateScope(access, "user")?.kisiBudget).toBe(access!.kisiBudget);
  });

  it("link: a held studio lane does not hold a link's tap", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const a = await fx.issue();
    const deps = depsWith({ rateScope: "link", sharedOpenSeconds: 0, maxQueueSeconds: 5 }, limiter);
    await warm(deps);
    // Held for a minute: on the studio's lane the tap would give up after its 5 s and be refused.
    limiter.pause(await studioLane(a.token), 60_000);
    expect(await tap(deps, a.token, FRONT_DOOR)).toMatchObject({ status: "unlocked" });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
  });
});
