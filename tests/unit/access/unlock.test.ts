import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rememberGroupDoors } from "@/lib/access/door-fence";
import { buildAccessView } from "@/lib/access/view";
import { DEMO_IDS } from "@/lib/demo/constants";
import { findLinkByToken } from "@/lib/links/find-by-token";
import { clearDoorCache } from "@/lib/access/doors";
import { clearGroupLocksCache, STALE_MS } from "@/lib/access/group-locks";
import { parseLockId, unlockBodySchema, unlockDoor, type UnlockBody } from "@/lib/access/unlock";
import { ApiError } from "@/lib/api/errors";
import {
  accessLinks,
  kisiGroupDoors,
  rateLimitCounters,
  studios,
  unlockAudit,
} from "@/lib/db/schema";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { revokeLink } from "@/lib/links/revoke-link";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
const [FRONT_DOOR, STUDIO_1] = DEMO_SEED.guestLockIds as [number, number, number];
const STUDIO_POS = { latitude: DEMO_SEED.latitude, longitude: DEMO_SEED.longitude };

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
  await fx.setGeofence({ geofenceEnabled: false, geofenceLatitude: null, geofenceLongitude: null });
});

const unlocksAt = (lockId: number) =>
  fx.emulator.requests.filter((r) => r.method === "POST" && r.path === `/locks/${lockId}/unlock`);

async function attempt(
  token: string | null,
  lockId: number,
  body: UnlockBody = {},
  ip = "203.0.113.7",
) {
  return unlockDoor(fx.deps, { token, lockId, body, ip, userAgent: "Mozilla/5.0 (test)" }).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return { ok: false as const, code: error.code, retryAfter: error.retryAfterSeconds };
    },
  );
}

const fix = (meters: number, accuracy = 15, ageS = 2) => ({
  latitude: STUDIO_POS.latitude + meters / 111_195,
  longitude: STUDIO_POS.longitude,
  accuracy,
  capturedAt: new Date(Date.now() - ageS * 1000).toISOString(),
});

describe("a successful unlock", () => {
  it("calls Kisi once, with KISI-GROUP-LINK and the link's own secret, and audits it", async () => {
    const { token, link } = await fx.issue();
    expect(await attempt(token, FRONT_DOOR)).toEqual({
      ok: true,
      result: { status: "unlocked", deduplicated: false },
    });

    const [call] = unlocksAt(FRONT_DOOR);
    const kisiLink = fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId);
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
    expect(call?.headers.authorization).toBe(`KISI-GROUP-LINK ${kisiLink?.secret}`);
    expect(fx.emulator.state.unlocks).toEqual([
      expect.objectContaining({
        lockId: FRONT_DOOR,
        via: "group_link",
        groupLinkId: link.kisiGroupLinkId,
      }),
    ]);

    const audit = await fx.db.select().from(unlockAudit);
    expect(audit).toEqual([
      expect.objectContaining({
        linkId: link.id,
        kisiLockId: FRONT_DOOR,
        outcome: "unlocked",
        allowed: true,
        kisiStatus: 200,
      }),
    ]);
    const serialized = JSON.stringify(audit);
    expect(serialized).not.toContain(token);
    expect(serialized).not.toContain(kisiLink?.secret);
    expect(serialized).not.toContain("203.0.113.7");
    expect(audit[0]?.ipHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("never asks Kisi to email the guest", async () => {
    await fx.issue({ guestEmail: "guest@example.com", sendEmail: true });
    expect(fx.emulator.state.sentEmails).toEqual([]);
    const [create] = fx.emulator.requests.filter(
      (r) => r.path === "/group_links" && r.method === "POST",
    );
    expect(JSON.stringify(create?.body)).not.toContain("guest@example.com");
  });
});

describe("refusals never reach Kisi's unlock", () => {
  it.each([
    ["an unknown token", null, "not_found"],
    ["a malformed token", "../../etc/passwd", "not_found"],
  ])("%s → %s", async (_label, token, code) => {
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("a link without a Kisi secret (its creation never finished) → unknown_door, audited", async () => {
    const { token, link } = await fx.issue();
    await fx.db
      .update(accessLinks)
      .set({ kisiSecretCiphertext: null })
      .where(eq(accessLinks.id, link.id));
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "unknown_door" });
    expect(fx.emulator.requests.filter((r) => r.path.endsWith("/unlock"))).toHaveLength(0);
    const [audit] = await fx.db.select().from(unlockAudit);
    expect(audit).toMatchObject({ outcome: "unknown_door", allowed: false, linkId: link.id });
  });

  it("a door outside the link's group → unknown_door", async () => {
    const { token } = await fx.issue();
    expect(await attempt(token, DEMO_SEED.staffLockId)).toMatchObject({
      ok: false,
      code: "unknown_door",
    });
    expect(await attempt(token, 999_999)).toMatchObject({ ok: false, code: "unknown_door" });
    expect(fx.emulator.requests.filter((r) => r.path.endsWith("/unlock"))).toHaveLength(0);
  });

  it("before the window → not_yet_valid; after it → expired", async () => {
    const soon = await fx.issue({
      validFrom: new Date(Date.now() + 3_600_000),
      validUntil: new Date(Date.now() + 7_200_000),
    });
    expect(await attempt(soon.token, FRONT_DOOR)).toMatchObject({
      ok: false,
      code: "not_yet_valid",
    });
    const { token } = await fx.issue();
    const later = { ...fx.deps, now: () => new Date(Date.now() + 2 * 3_600_000) };
    await expect(
      unlockDoor(later, { token, lockId: FRONT_DOOR, body: {}, ip: null, userAgent: null }),
    ).rejects.toMatchObject({ code: "expired" });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("after revocation → revoked at once, and Kisi's link is deleted", async () => {
    const { token, link } = await fx.issue();
    expect(await revokeLink(fx.deps, link.id)).toEqual({ kisiDeleted: true });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "revoked" });
    expect(
      fx.emulator.requests.filter(
        (r) => r.method === "DELETE" && r.path === `/group_links/${link.kisiGroupLinkId}`,
      ),
    ).toHaveLength(1);
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("revocation while Kisi is down: refused to the guest anyway, Kisi's delete stays owed", async () => {
    const { token, link } = await fx.issue();
    fx.emulator.faults.add({
      method: "DELETE",
      path: "/group_links/:id",
      action: { kind: "status", status: 503 },
    });
    expect(await revokeLink(fx.deps, link.id)).toEqual({ kisiDeleted: false });
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row).toMatchObject({ status: "revoked", kisiDeletedAt: null });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "revoked" });
  });

  it("an offline door → door_offline; a locked-down door → locked_down", async () => {
    const { token } = await fx.issue();
    fx.emulator.setLock(FRONT_DOOR, { online: false });
    fx.emulator.setLock(STUDIO_1, { locked_down: true });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "door_offline" });
    expect(await attempt(token, STUDIO_1)).toMatchObject({ ok: false, code: "locked_down" });
    expect(fx.emulator.requests.filter((r) => r.path.endsWith("/unlock"))).toHaveLength(0);
  });
});

describe("Kisi's answers map to stable codes", () => {
  it.each([
    [{ kind: "status", status: 503, body: { code: "fac001", error: "x" } }, "door_offline"],
    [{ kind: "status", status: 403, body: { code: "fad001", error: "x" } }, "locked_down"],
    [{ kind: "status", status: 401, body: { code: "f299ef", error: "x" } }, "revoked"],
    [{ kind: "status", status: 403, body: { code: "f35ade", error: "x" } }, "expired"],
    [{ kind: "status", status: 500, body: { code: "000500", error: "x" } }, "kisi_unavailable"],
    // Kisi got the request but never answered: the door may be open, and the guest is told so.
    [{ kind: "drop" }, "unlock_unconfirmed"],
    [{ kind: "latency", ms: 1_500 }, "unlock_unconfirmed"],
    [{ kind: "rate_limit", retryAfter: 1 }, "rate_limited"],
  ] as const)("%o → %s", async (action, code) => {
    const { token } = await fx.issue();
    fx.emulator.faults.add({ method: "POST", path: "/locks/:id/unlock", action });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code });
    const [audit] = await fx.db.select().from(unlockAudit);
    expect(audit).toMatchObject({ outcome: code, allowed: false });
  });

  it("any 2xx answer to the unlock is an opened door, whatever its body", async () => {
    const { token } = await fx.issue();
    fx.emulator.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      action: { kind: "malformed" },
    });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: true });
    const [audit] = await fx.db.select().from(unlockAudit);
    expect(audit).toMatchObject({ outcome: "unlocked", allowed: true });
  });

  it("a link Kisi refuses at the tap (deleted inside Kisi) is revoked here too", async () => {
    const { token, link } = await fx.issue();
    fx.emulator.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      action: {
        kind: "status",
        status: 401,
        body: { code: "f299ef", error: "Your link is invalid." },
      },
    });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "revoked" });
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row).toMatchObject({ status: "revoked" });
    expect(row?.kisiGoneAt).toBeInstanceOf(Date);
    fx.emulator.faults.clear();
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "revoked" });
  });

  it("Kisi down while listing doors → kisi_unavailable, no unlock attempted", async () => {
    const { token } = await fx.issue();
    fx.emulator.faults.add({
      method: "GET",
      path: "/locks",
      action: { kind: "status", status: 502 },
    });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "kisi_unavailable" });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });
});

describe("a class arriving while the cached lists expire", () => {
  // At a class start the lists' refresh waits in the same Kisi lane as the queued unlocks. A tap
  // that waited for it queued twice and, past its few seconds for the list, got a 503 at the
  // door (seen in the 312-visitor load test). Past their TTL the lists answer at once and are
  // refreshed behind.
  for (const path of ["/locks", "/group_locks"]) {
    it(`a tap past the TTL of GET ${path} is answered from the last list while it is refreshed`, async () => {
      // A TTL of 0: every list is past it as soon as it is read.
      const deps = { ...fx.deps, doorCacheMs: 0, groupLocksCacheMs: 0 };
      const { token } = await fx.issue();
      const tap = (lockId: number) =>
        unlockDoor(deps, { token, lockId, body: {}, ip: "203.0.113.7", userAgent: null });
      await tap(FRONT_DOOR);
      // The refresh is slow: its first attempt outlasts the client's 1 s read timeout.
      fx.emulator.faults.add({
        method: "GET",
        path,
        action: { kind: "latency", ms: 1_500 },
        times: 1,
      });
      await expect(tap(STUDIO_1)).resolves.toMatchObject({ status: "unlocked" });
      const seqOf = (lockId: number) =>
        fx.emulator.requests.find((r) => r.path === `/locks/${lockId}/unlock`)!.seq;
      const answered = () =>
        fx.emulator.requests.filter(
          (r) =>
            r.method === "GET" && r.path === path && r.status === 200 && r.seq > seqOf(FRONT_DOOR),
        );
      // The door was opened before any refreshed list came back (a tap that waited for the
      // refresh opens only after it)…
      expect(answered().every((r) => r.seq > seqOf(STUDIO_1))).toBe(true);
      // …and the refresh lands behind it.
      await vi.waitFor(() => expect(answered()).toHaveLength(1), { timeout: 5_000 });
    });
  }

  it("the page view does not serve a stale door list: it reports Kisi unreachable at once", async () => {
    const { token } = await fx.issue();
    await attempt(token, FRONT_DOOR);
    fx.emulator.faults.add({
      method: "GET",
      path: "/locks",
      action: { kind: "status", status: 503 },
    });
    const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
    expect(view).toMatchObject({ doorsError: "kisi_unavailable", doorsStale: true });
  });
});

describe("the door is checked against the studio group's locks before Kisi's unlock", () => {
  const groupLockCalls = () =>
    fx.emulator.requests.filter((r) => r.method === "GET" && r.path === "/group_locks");

  it("a Kisi link whose GET /locks lists a lock outside the group is refused, and audited", async () => {
    const { token, link } = await fx.issue();
    const secret = fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId)!.secret;
    // What Kisi lists to this link, plus the staff-only Office (as a link minted on another
    // group, or a lock added to the link by hand, would show it).
    const listed = (await (
      await fetch(`${fx.emulator.url}/locks?limit=250`, {
        headers: { Authorization: `KISI-GROUP-LINK ${secret}` },
      })
    ).json()) as Array<Record<string, unknown>>;
    const office = { ...listed[0]!, id: DEMO_SEED.staffLockId, name: "Office" };
    fx.emulator.faults.add({
      method: "GET",
      path: "/locks",
      action: {
        kind: "status",
        status: 200,
        body: [...listed, office],
        headers: { "X-Collection-Range": `0-${listed.length}/${listed.length + 1}` },
      },
    });
    expect(await attempt(token, DEMO_SEED.staffLockId)).toMatchObject({
      ok: false,
      code: "door_not_in_group",
    });
    expect(unlocksAt(DEMO_SEED.staffLockId)).toHaveLength(0);
    const [row] = await fx.db.select().from(unlockAudit);
    expect(row).toMatchObject({
      linkId: link.id,
      kisiLockId: DEMO_SEED.staffLockId,
      outcome: "door_not_in_group",
      allowed: false,
    });
    // The group's own doors still open.
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: true });
  });

  it("asks Kisi once per group and TTL, with the studio's key, not once per tap", async () => {
    let clock = Date.now();
    const deps = { ...fx.deps, groupLocksCacheMs: 60_000, now: () => new Date(clock) };
    const links = await Promise.all([fx.issue(), fx.issue(), fx.issue()]);
    const tap = (token: string, lockId: number) =>
      unlockDoor(deps, { token, lockId, body: {}, ip: "203.0.113.7", userAgent: null });
    await Promise.all(links.map((l, i) => tap(l.token, DEMO_SEED.guestLockIds[i]!)));
    expect(groupLockCalls()).toHaveLength(1);
    expect(groupLockCalls()[0]!.query).toMatchObject({ group_id: String(DEMO_SEED.groupId) });
    expect(groupLockCalls()[0]!.headers.authorization).toBe(`KISI-LOGIN ${DEMO_SEED.apiKey}`);
    clock += 61_000;
    await tap(links[0]!.token, FRONT_DOOR);
    expect(groupLockCalls()).toHaveLength(2);
  });

  it("fails closed when the list cannot be read and none was read lately", async () => {
    let clock = Date.now();
    const deps = { ...fx.deps, groupLocksCacheMs: 60_000, now: () => new Date(clock) };
    const { token } = await fx.issue();
    const tap = (lockId: number) =>
      unlockDoor(deps, { token, lockId, body: {}, ip: "203.0.113.7", userAgent: null }).then(
        () => "unlocked",
        (e: ApiError) => e.code,
      );
    fx.emulator.faults.add({
      method: "GET",
      path: "/group_locks",
      action: { kind: "status", status: 503 },
    });
    expect(await tap(FRONT_DOOR)).toBe("kisi_unavailable");
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
    fx.emulator.faults.clear();
    expect(await tap(FRONT_DOOR)).toBe("unlocked");
    // Past its TTL, a list read lately stands in while Kisi cannot be asked again…
    fx.emulator.faults.add({
      method: "GET",
      path: "/group_locks",
      action: { kind: "status", status: 503 },
    });
    clock += 61_000;
    expect(await tap(STUDIO_1)).toBe("unlocked");
    // …but not for ever.
    clock += STALE_MS;
    expect(await tap(DEMO_SEED.guestLockIds[2]!)).toBe("kisi_unavailable");
    expect(unlocksAt(DEMO_SEED.guestLockIds[2]!)).toHaveLength(0);
  });

  it("a link made before the studio moved to another group no longer opens the old group's doors", async () => {
    const { token } = await fx.issue();
    await fx.db
      .update(studios)
      .set({ kisiGroupId: DEMO_SEED.climbingGroupId })
      .where(eq(studios.id, DEMO_IDS.studio));
    try {
      expect(await attempt(token, FRONT_DOOR)).toMatchObject({ code: "door_not_in_group" });
      expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
    } finally {
      await fx.db
        .update(studios)
        .set({ kisiGroupId: DEMO_SEED.groupId })
        .where(eq(studios.id, DEMO_IDS.studio));
    }
  });
});

describe("a door's fence is the door's, across the organization's studios", () => {
  // The finding: two studios on one Kisi group, only one fenced — the other's links opened the
  // fenced doors with no location, and with a fix 5 km away.
  const moveFencedStudio = (values: Partial<typeof studios.$inferInsert>) =>
    fx.db.update(studios).set(values).where(eq(studios.id, DEMO_IDS.geofencedStudio));
  afterEach(async () => {
    await moveFencedStudio({
      kisiGroupId: DEMO_SEED.climbingGroupId,
      geofenceEnabled: true,
      geofenceRadiusM: 100,
    });
    await fx.setGeofence({ geofenceRadiusM: 100 });
    await fx.db.delete(kisiGroupDoors);
  });

  it("a sibling studio on the same group brings its fence to the doors", async () => {
    await moveFencedStudio({ kisiGroupId: DEMO_SEED.groupId, geofenceEnabled: true });
    const { token } = await fx.issue(); // the unfenced Demo Studio's link
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ code: "location_required" });
    expect(await attempt(token, FRONT_DOOR, fix(5_000))).toMatchObject({ code: "too_far" });
    expect(await attempt(token, FRONT_DOOR, fix(20))).toMatchObject({ ok: true });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
    // And the page knows before a tap.
    const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
    expect(view?.doors.every((d) => d.geofenced && d.fence?.radiusM === 100)).toBe(true);
  });

  it("a studio on another group that shares a door fences that door once the sharing is seen", async () => {
    const { token } = await fx.issue();
    // Separate groups, nothing shared: the Demo Studio's doors open without a location.
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: true });
    // Kisi's list of the climbing group is seen to hold the Front door too.
    await rememberGroupDoors(fx.db, DEMO_IDS.organization, DEMO_SEED.climbingGroupId, [FRONT_DOOR]);
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ code: "location_required" });
    expect(await attempt(token, STUDIO_1)).toMatchObject({ ok: true });
  });

  it("the strictest fence wins: a tap must satisfy every fence on the door", async () => {
    await moveFencedStudio({
      kisiGroupId: DEMO_SEED.groupId,
      geofenceEnabled: true,
      geofenceRadiusM: 50,
    });
    await fx.setGeofence({ geofenceEnabled: true, geofenceRadiusM: 500 });
    const { token } = await fx.issue();
    // Inside the Demo Studio's 500 m but outside the sibling's 50 m.
    expect(await attempt(token, FRONT_DOOR, fix(120))).toMatchObject({ code: "too_far" });
    expect(await attempt(token, FRONT_DOOR, fix(20))).toMatchObject({ ok: true });
  });
});

describe("geofence (server-side, every unlock)", () => {
  beforeEach(() => fx.setGeofence({ geofenceEnabled: true }));

  // Each fix is taken when its test runs: taken at collection, a slow run would make them stale.
  it.each([
    ["no position", "location_required", () => ({})],
    ["far away", "too_far", () => fix(5_000)],
    ["just outside 100 m", "too_far", () => fix(130)],
    ["imprecise", "location_imprecise", () => fix(20, 400)],
    ["stale", "location_stale", () => fix(20, 15, 120)],
  ])("%s → %s, and Kisi is not called", async (_label, code, body) => {
    const { token } = await fx.issue();
    expect(await attempt(token, FRONT_DOOR, body())).toMatchObject({ ok: false, code });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("inside → unlocked, the position passed to Kisi and the distance audited", async () => {
    const { token } = await fx.issue();
    const body = fix(25);
    expect(await attempt(token, FRONT_DOOR, body)).toMatchObject({ ok: true });
    expect(unlocksAt(FRONT_DOOR)[0]?.body).toEqual({
      context: { location: { latitude: body.latitude, longitude: body.longitude } },
    });
    const [audit] = await fx.db.select().from(unlockAudit);
    expect(audit?.distanceM).toBeCloseTo(25, 0);
    expect(audit).toMatchObject({ accuracyM: 15, latitude: body.latitude, allowed: true });
  });

  it("uses the studio's own centre when set, over the Kisi place", async () => {
    await fx.setGeofence({ geofenceLatitude: 48.8566, geofenceLongitude: 2.3522 });
    const { token } = await fx.issue();
    expect(await attempt(token, FRONT_DOOR, fix(0))).toMatchObject({ ok: false, code: "too_far" });
  });
});

describe("double taps and rate limits", () => {
  it("two simultaneous taps make one Kisi call and both report the door open", async () => {
    const { token } = await fx.issue();
    const [a, b] = await Promise.all([attempt(token, FRONT_DOOR), attempt(token, FRONT_DOOR)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
  });

  it("a second tap a moment later reuses the first result", async () => {
    const { token } = await fx.issue();
    await attempt(token, FRONT_DOOR);
    expect(await attempt(token, FRONT_DOOR)).toEqual({
      ok: true,
      result: { status: "unlocked", deduplicated: true },
    });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(1);
    const outcomes = (await fx.db.select().from(unlockAudit)).map((a) => a.outcome).sort();
    expect(outcomes).toEqual(["unlocked", "unlocked_duplicate"]);
  });

  it("a failed first tap is never replayed as a success: the next tap asks Kisi again", async () => {
    const { token } = await fx.issue();
    fx.emulator.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      times: 2,
      action: { kind: "status", status: 503, body: { code: "fac001", error: "x" } },
    });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: false, code: "door_offline" });
    expect(await attempt(token, FRONT_DOOR)).toEqual({
      ok: true,
      result: { status: "unlocked", deduplicated: false },
    });
    expect(unlocksAt(FRONT_DOOR).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("a tap while another instance is mid-call for the same door waits instead of calling Kisi twice", async () => {
    const { token, link } = await fx.issue();
    await fx.db
      .insert(rateLimitCounters)
      .values({ key: `claim:${link.id}:${FRONT_DOOR}`, windowStart: new Date(), count: 1 });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({
      ok: false,
      code: "rate_limited",
      retryAfter: 2,
    });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("a link revoked while its tap is being decided does not open the door", async () => {
    const { token, link } = await fx.issue();
    const revokingDb = new Proxy(fx.deps.db, {
      get(target, prop) {
        // Revoke right after the rate-limit check, i.e. before the final status check.
        if (prop === "execute") {
          return async (...args: unknown[]) => {
            const result = await (target.execute as (...a: unknown[]) => Promise<unknown>)(...args);
            await target
              .update(accessLinks)
              .set({ status: "revoked" })
              .where(eq(accessLinks.id, link.id));
            return result;
          };
        }
        return Reflect.get(target, prop);
      },
    });
    expect(
      await unlockDoor(
        { ...fx.deps, db: revokingDb },
        { token, lockId: FRONT_DOOR, body: {}, ip: null, userAgent: null },
      ).catch((e: ApiError) => e.code),
    ).toBe("revoked");
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("an eleventh attempt within a minute → rate_limited with Retry-After", async () => {
    const { token } = await fx.issue();
    for (let i = 0; i < 10; i++) await attempt(token, DEMO_SEED.staffLockId);
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({
      ok: false,
      code: "rate_limited",
      retryAfter: expect.any(Number),
    });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });

  it("unknown tokens from one address are refused after 30, but a valid link from it still works", async () => {
    const { token } = await fx.issue();
    for (let i = 0; i < 30; i++)
      expect(await attempt(`${"x".repeat(42)}${i % 10}`, FRONT_DOOR)).toMatchObject({
        code: "not_found",
      });
    expect(await attempt("y".repeat(43), FRONT_DOOR)).toMatchObject({
      ok: false,
      code: "rate_limited",
    });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: true });
  });

  it("fails closed with a retryable 503 when the rate-limit store is unreachable: no Kisi call", async () => {
    const { token } = await fx.issue();
    const broken = {
      ...fx.deps,
      db: new Proxy(fx.deps.db, {
        get: (t, p) =>
          p === "execute" ? () => Promise.reject(new Error("database down")) : Reflect.get(t, p),
      }),
    };
    await expect(
      unlockDoor(broken, { token, lockId: FRONT_DOOR, body: {}, ip: null, userAgent: null }),
    ).rejects.toMatchObject({ code: "service_unavailable" });
    expect(unlocksAt(FRONT_DOOR)).toHaveLength(0);
  });
});

describe("input", () => {
  it.each(["0", "-1", "05", "1e3", "1.5", "٣", "../group_links", "1?x=1", "9".repeat(17), ""])(
    "lock id %j is refused",
    (value) => {
      expect(() => parseLockId(value)).toThrow(ApiError);
    },
  );

  it.each([
    { latitude: 91, longitude: 0 },
    { latitude: 0, longitude: -181 },
    { latitude: "52.5", longitude: 13 },
    { latitude: 52.5 },
    { latitude: 52.5, longitude: 13, accuracy: 0 },
    { latitude: 52.5, longitude: 13, accuracy: -3 },
    { latitude: 52.5, longitude: 13, capturedAt: "yesterday" },
    { lockId: 5 },
    [5],
    null,
  ])("body %j is refused", (body) => {
    expect(unlockBodySchema.safeParse(body).success).toBe(false);
  });

  it("accepts an empty body and a full position", () => {
    expect(unlockBodySchema.parse({})).toEqual({});
    expect(
      unlockBodySchema.parse({
        latitude: 1,
        longitude: 2,
        accuracy: 3,
        capturedAt: 1_700_000_000_000,
      }),
    ).toMatchObject({ latitude: 1 });
  });
});
