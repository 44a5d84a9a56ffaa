import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as languageRoute from "@/app/api/account/language/route";
import * as kisiKeyRoute from "@/app/api/studios/[studioId]/kisi-key/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as studiosRoute from "@/app/api/studios/route";
import * as todayRoute from "@/app/api/studios/[studioId]/today/route";
import { emailOutbox, kisiCredentials, studios, unlockAudit, user } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import type { StudioToday } from "@/lib/schemas/today";
import { studiosConnected } from "@/lib/studios/onboarding";
import { studioDay, studioToday } from "@/lib/studios/today";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";

/**
 * "Today" and onboarding through the real route handlers and database: what the front desk sees
 * of the studio's day, where a studio stands on its way to its first guest (a refused key leaves
 * it "not connected" and issuing refused), and the per-person dashboard language.
 */
let h: RouteHarness;
let owner: string;
let frontDesk: string;
let otherOwner: string;
const studioId = DEMO_IDS.studio;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await setupRouteHarness();
  owner = await h.sessionCookie(DEMO_ACCOUNT.email);
  frontDesk = await h.sessionCookie(DEMO_STAFF.frontDesk.email);
  otherOwner = await h.sessionCookie(DEMO_STAFF.otherOwner.email);
});
afterAll(() => h.close());

const as = (cookie: string) => ({ cookie, origin: h.origin });
const today = (cookie: string, id: string = studioId) =>
  h.call(
    todayRoute.GET,
    { studioId: id },
    { path: `/api/studios/${id}/today`, headers: as(cookie) },
  );

describe("the studio's day", () => {
  it("runs midnight to midnight on the studio's clock, 23 and 25 hours across DST", () => {
    const spring = studioDay("Europe/Berlin", new Date("2026-03-29T12:00:00Z"));
    expect(spring).toEqual({
      date: "2026-03-29",
      from: new Date("2026-03-28T23:00:00Z"),
      until: new Date("2026-03-29T22:00:00Z"),
    });
    const autumn = studioDay("Europe/Berlin", new Date("2026-10-25T12:00:00Z"));
    expect(autumn.until.getTime() - autumn.from.getTime()).toBe(25 * HOUR);
    // 02:00 UTC is still the previous evening in New York.
    expect(studioDay("America/New_York", new Date("2026-06-10T02:00:00Z")).date).toBe("2026-06-09");
  });
});

describe("GET /api/studios/{id}/today", () => {
  it("lists guests expected, doors opened, refusals with their reason and failed emails, for this studio only", async () => {
    const now = new Date();
    const { link: here } = await h.fx.issue({ guestName: "Today Guest" });
    const { link: tomorrow } = await h.fx.issue({
      guestName: "Tomorrow Guest",
      validFrom: new Date(now.getTime() + 30 * HOUR),
      validUntil: new Date(now.getTime() + 31 * HOUR),
    });
    const { link: mailed } = await h.fx.issue({
      guestName: "Mail Guest",
      guestEmail: "mail@example.test",
      sendEmail: true,
    });
    const day = studioDay((await studioRow(studioId)).timeZone, now);
    const base = { studioId, linkId: here.id, kisiLockId: null };
    await h.fx.db.insert(unlockAudit).values([
      { ...base, outcome: "unlocked", allowed: true, createdAt: new Date(now.getTime() - 1000) },
      { ...base, outcome: "too_far", allowed: false, createdAt: new Date(now.getTime() - 2000) },
      {
        ...base,
        outcome: "kisi_unavailable",
        allowed: false,
        createdAt: new Date(now.getTime() - 3000),
      },
      // Yesterday, on the studio's clock: not today.
      {
        ...base,
        outcome: "unlocked",
        allowed: true,
        createdAt: new Date(day.from.getTime() - 60_000),
      },
      // Another studio's attempt never shows.
      { studioId: DEMO_IDS.otherStudio, outcome: "unlocked", allowed: true, createdAt: now },
    ]);
    await h.fx.db
      .update(emailOutbox)
      .set({ status: "dead" })
      .where(eq(emailOutbox.linkId, mailed.id));

    const res = await today(frontDesk);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as StudioToday;

    const expected = body.expected.map((e) => e.guestName);
    expect(expected).toContain("Today Guest");
    expect(expected).not.toContain("Tomorrow Guest");
    expect(body.expected.find((e) => e.linkId === here.id)).toMatchObject({
      state: "active",
      openedToday: true,
    });
    expect(body.opened.filter((e) => e.linkId === here.id)).toHaveLength(1);
    expect(body.opened.every((e) => e.linkId !== null)).toBe(true);
    expect(body.refusals.map((r) => [r.guestName, r.outcome])).toEqual([
      ["Today Guest", "too_far"],
      ["Today Guest", "kisi_unavailable"],
    ]);
    expect(body.failedEmails).toEqual([
      expect.objectContaining({ linkId: mailed.id, guestName: "Mail Guest", status: "dead" }),
    ]);
    expect(body.counts).toMatchObject({ opened: 1, refused: 2 });
    expect(body.counts.expected).toBeGreaterThanOrEqual(2);
    expect(body.onboarding).toMatchObject({ connected: true, reason: null });
    expect(body.expected.map((e) => e.linkId)).not.toContain(tomorrow.id);
  });

  it("is a 404 to another organization's owner", async () => {
    expect((await today(otherOwner)).status).toBe(404);
  });
});

describe("onboarding", () => {
  it("a studio created with a refused key is not connected, names the missing key, and refuses issuing", async () => {
    const created = await h.call(
      studiosRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/studios",
        headers: as(owner),
        json: { name: `Refused ${Date.now()}`, timeZone: "Europe/Berlin", defaultLocale: "en" },
      },
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const key = await h.call(
      kisiKeyRoute.PUT,
      { studioId: id },
      {
        method: "PUT",
        path: `/api/studios/${id}/kisi-key`,
        headers: as(owner),
        json: { apiKey: "kisi-not-a-real-key-000000000000" },
      },
    );
    expect(((await key.json()) as { error: { code: string } }).error.code).toBe(
      "kisi_key_rejected",
    );

    const body = (await (await today(owner, id)).json()) as StudioToday;
    expect(body.onboarding.connected).toBe(false);
    expect(body.onboarding.reason).toBe("key_missing");
    expect(body.onboarding.steps.map((s) => [s.id, s.state])).toEqual([
      ["key", "todo"],
      ["group", "todo"],
      ["doors", "todo"],
      ["branding", "todo"],
      ["testLink", "todo"],
    ]);
    expect((await studiosConnected(h.fx.db, [id, studioId])).get(id)).toBe(false);
    expect((await studiosConnected(h.fx.db, [id, studioId])).get(studioId)).toBe(true);

    const issued = await h.call(
      linksRoute.POST,
      { studioId: id },
      {
        method: "POST",
        path: `/api/studios/${id}/links`,
        headers: as(owner),
        json: {
          name: "Nobody",
          validFrom: new Date().toISOString(),
          validUntil: new Date(Date.now() + HOUR).toISOString(),
        },
      },
    );
    expect(issued.status).toBe(409);
    expect(((await issued.json()) as { error: { code: string } }).error.code).toBe(
      "studio_not_ready",
    );
  });

  it("a stored key Kisi later refused is 'key rejected', and the studio stops being connected", async () => {
    const studio = await studioRow(DEMO_IDS.geofencedStudio);
    const [credential] = await h.fx.db
      .select()
      .from(kisiCredentials)
      .where(eq(kisiCredentials.id, studio.kisiCredentialId!));
    await h.fx.db
      .update(kisiCredentials)
      .set({ status: "invalid" })
      .where(eq(kisiCredentials.id, credential!.id));
    try {
      const view = await studioToday(h.fx.db, studio, new Date());
      expect(view.onboarding).toMatchObject({ connected: false, reason: "key_rejected" });
      expect(view.onboarding.steps[0]).toEqual({ id: "key", state: "problem" });
      expect((await studiosConnected(h.fx.db, [studio.id])).get(studio.id)).toBe(false);
    } finally {
      await h.fx.db
        .update(kisiCredentials)
        .set({ status: credential!.status })
        .where(eq(kisiCredentials.id, credential!.id));
    }
  });
});

describe("PUT /api/account/language", () => {
  const put = (cookie: string | null, json: unknown) =>
    h.call(
      languageRoute.PUT,
      {},
      {
        method: "PUT",
        path: "/api/account/language",
        headers: cookie ? as(cookie) : { origin: h.origin },
        json,
      },
    );
  const stored = async (email: string) =>
    (await h.fx.db.select({ locale: user.locale }).from(user).where(eq(user.email, email)))[0]
      ?.locale;

  it("keeps the person's choice on their account, and null goes back to the browser's", async () => {
    const res = await put(frontDesk, { locale: "de" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: "de" });
    expect(await stored(DEMO_STAFF.frontDesk.email)).toBe("de");
    expect(await stored(DEMO_STAFF.manager.email)).toBeNull();
    expect((await put(frontDesk, { locale: null })).status).toBe(200);
    expect(await stored(DEMO_STAFF.frontDesk.email)).toBeNull();
  });

  it("refuses a language Latchkey does not speak (422) and a caller without a session (401)", async () => {
    const bad = await put(frontDesk, { locale: "xx" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
    expect((await put(null, { locale: "de" })).status).toBe(401);
  });
});

async function studioRow(id: string) {
  const [row] = await h.fx.db.select().from(studios).where(eq(studios.id, id));
  return row!;
}
