import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearDoorCache } from "@/lib/access/doors";
import { clearGroupLocksCache } from "@/lib/access/group-locks";
import { unlockDoor } from "@/lib/access/unlock";
import { WEEKDAYS, type LinkRules } from "@/lib/access-rules/schema";
import { weekdayOf } from "@/lib/access-rules/evaluate";
import { ApiError } from "@/lib/api/errors";
import { accessLinks, rateLimitCounters, studios, unlockAudit } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { zonedDate } from "@/lib/time/zoned-time";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
const [FRONT_DOOR, STUDIO_1] = DEMO_SEED.guestLockIds as [number, number, number];

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.emulator.reset();
  fx.emulator.faults.clear();
  clearDoorCache();
  clearGroupLocksCache();
  await fx.db.delete(unlockAudit);
  await fx.db.delete(rateLimitCounters);
  await fx.db
    .update(studios)
    .set({ openingHours: null, visitMinutes: null })
    .where(eq(studios.id, DEMO_IDS.studio));
});

const unlocks = () => fx.emulator.state.unlocks.length;

async function attempt(token: string, lockId: number) {
  return unlockDoor(fx.deps, {
    token,
    lockId,
    body: {},
    ip: "203.0.113.9",
    userAgent: "test",
  }).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return { ok: false as const, code: error.code };
    },
  );
}

async function linkRow(id: string) {
  const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, id));
  return row!;
}

async function auditOutcomes(linkId: string) {
  const rows = await fx.db.select().from(unlockAudit).where(eq(unlockAudit.linkId, linkId));
  return rows.map((r) => r.outcome).sort();
}

/** Every weekday but the studio's current one, all day: closed now, open from tomorrow 00:00. */
function notToday(): LinkRules {
  const today = weekdayOf(zonedDate(new Date(), "Europe/Berlin"));
  return {
    weekly: WEEKDAYS.filter((d) => d !== today).map((day) => ({
      day,
      from: "00:00",
      until: "24:00",
    })),
  };
}

describe("access rules in the unlock decision", () => {
  it("outside a temp-staff link's hours: refused outside_hours, audited, Kisi never called", async () => {
    await fx.db
      .update(studios)
      .set({ timeZone: "Europe/Berlin" })
      .where(eq(studios.id, DEMO_IDS.studio));
    const { token, link } = await fx.issue({ rules: notToday() });
    expect(await attempt(token, FRONT_DOOR)).toEqual({ ok: false, code: "outside_hours" });
    expect(unlocks()).toBe(0);
    expect(await auditOutcomes(link.id)).toEqual(["outside_hours"]);
  });

  it("studio hours apply to guest links; a staff link ignoring them opens", async () => {
    const today = weekdayOf(zonedDate(new Date(), "UTC"));
    await fx.db
      .update(studios)
      .set({
        timeZone: "UTC",
        openingHours: {
          weekly: WEEKDAYS.filter((d) => d !== today).map((day) => ({
            day,
            from: "00:00",
            until: "24:00",
          })),
          exceptions: [],
        },
      })
      .where(eq(studios.id, DEMO_IDS.studio));
    const guest = await fx.issue();
    expect(await attempt(guest.token, FRONT_DOOR)).toEqual({ ok: false, code: "outside_hours" });
    const staff = await fx.issue({ rules: { ignoreStudioHours: true } });
    expect(await attempt(staff.token, FRONT_DOOR)).toMatchObject({ ok: true });
    expect(unlocks()).toBe(1);
  });

  it("a trial pass: one visit covers a second door, then no visits are left", async () => {
    const { token, link } = await fx.issue({ rules: { visitLimit: 1 } });
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({
      ok: true,
      result: { deduplicated: false },
    });
    // A second door within the visit is the same visit.
    expect(await attempt(token, STUDIO_1)).toMatchObject({
      ok: true,
      result: { deduplicated: false },
    });
    expect(unlocks()).toBe(2);
    let row = await linkRow(link.id);
    expect(row.visitsUsed).toBe(1);
    expect(row.visitConfirmed).toBe(true);
    expect(row.firstUsedAt).not.toBeNull();
    // The visit ends (the studio's visit length, 90 minutes by default, has passed).
    await fx.db
      .update(accessLinks)
      .set({ visitStartedAt: new Date(Date.now() - 91 * 60_000) })
      .where(eq(accessLinks.id, link.id));
    await fx.db.delete(rateLimitCounters);
    expect(await attempt(token, FRONT_DOOR)).toEqual({ ok: false, code: "no_visits_left" });
    expect(unlocks()).toBe(2);
    row = await linkRow(link.id);
    expect(row.visitsUsed).toBe(1);
    expect(await auditOutcomes(link.id)).toEqual(["no_visits_left", "unlocked", "unlocked"]);
  });

  it("a Kisi failure does not use a visit", async () => {
    const { token, link } = await fx.issue({ rules: { visitLimit: 1, validForMinutes: 30 } });
    fx.emulator.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      times: 1,
      action: { kind: "status", status: 403, body: { code: "forbidden" } },
    });
    const failed = await attempt(token, FRONT_DOOR);
    expect(failed.ok).toBe(false);
    let row = await linkRow(link.id);
    expect(row).toMatchObject({ visitsUsed: 0, visitStartedAt: null, firstUsedAt: null });
    await fx.db.delete(rateLimitCounters);
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: true });
    row = await linkRow(link.id);
    expect(row.visitsUsed).toBe(1);
    expect(row.firstUsedAt).not.toBeNull();
  });

  it("a day pass: after its first use the Kisi link is narrowed, the stored window kept", async () => {
    const validUntil = new Date(Date.now() + 6 * 3_600_000);
    const { token, link } = await fx.issue({ rules: { validForMinutes: 60 }, validUntil });
    const before = fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId)!;
    expect(Date.parse(before.valid_until!)).toBe(validUntil.getTime());
    expect(await attempt(token, FRONT_DOOR)).toMatchObject({ ok: true });
    const firstUse = (await linkRow(link.id)).firstUsedAt!;
    // The narrowing runs after the answer; wait for Kisi's replacement link.
    await expect
      .poll(async () => (await linkRow(link.id)).kisiGroupLinkId, { timeout: 5_000 })
      .not.toBe(link.kisiGroupLinkId);
    const row = await linkRow(link.id);
    const current = fx.emulator.state.groupLinks.find((l) => l.id === row.kisiGroupLinkId)!;
    expect(Date.parse(current.valid_until!)).toBe(firstUse.getTime() + 60 * 60_000);
    expect(current.name).toBe(before.name);
    expect(row.validUntil.getTime()).toBe(validUntil.getTime());
    // The superseded Kisi link is deleted right after the swap.
    await expect
      .poll(() => fx.emulator.state.groupLinks.find((l) => l.id === before.id)!.deletedAt)
      .not.toBeNull();
    // The same token still opens, through the new Kisi link.
    await fx.db.delete(rateLimitCounters);
    expect(await attempt(token, STUDIO_1)).toMatchObject({ ok: true });
    // Once the first-use validity is over, the link says so.
    await fx.db
      .update(accessLinks)
      .set({ firstUsedAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(accessLinks.id, link.id));
    await fx.db.delete(rateLimitCounters);
    expect(await attempt(token, FRONT_DOOR)).toEqual({ ok: false, code: "first_use_expired" });
  });
});
