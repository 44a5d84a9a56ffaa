import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearDoorCache } from "@/lib/access/doors";
import { unlockDoor } from "@/lib/access/unlock";
import { buildAccessView } from "@/lib/access/view";
import { eq } from "drizzle-orm";
import { deltaE, MIN_STATE_DELTA_E } from "@/lib/brand/door-states";
import { accessLinks, doorSettings } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import type { Locale } from "@/lib/i18n/locales";
import { findLinkByToken } from "@/lib/links/find-by-token";
import { KisiClient } from "@/lib/kisi/client";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  // Kisi's real limit (5/s per user), to see that a burst stays within it.
  fx = await setupAccessFixture({ rateLimitPerSecond: 5 });
});
afterAll(() => fx.close());
beforeEach(() => {
  fx.emulator.reset();
  clearDoorCache();
});

const locksCalls = () =>
  fx.emulator.requests.filter((r) => r.method === "GET" && r.path === "/locks");

describe("the guest's view", () => {
  it("has the public shape, the guest's doors only, and no secret", async () => {
    const { token, link } = await fx.issue({ locale: "de" });
    const access = await findLinkByToken(fx.db, token);
    const view = await buildAccessView(fx.deps, access!);
    expect(view).toMatchObject({
      link: { state: "active", guestName: "Jane Guest", locale: "de" },
      studio: {
        name: DEMO_SEED.placeName,
        timeZone: "Europe/Berlin",
        palette: { primary: "#7c3aed", onPrimary: "#ffffff" },
      },
      geofence: {
        enabled: false,
        radiusM: 100,
        maxAccuracyM: 150,
        center: { latitude: DEMO_SEED.latitude, longitude: DEMO_SEED.longitude },
      },
      doorsError: null,
    });
    expect(view?.doors.map((d) => d.name)).toEqual(["Front door", "Locker room", "Studio 1"]);
    const json = JSON.stringify(view);
    const kisiSecret =
      fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId)?.secret ?? "missing";
    for (const secret of [token, kisiSecret, DEMO_SEED.apiKey, link.tokenHash])
      expect(json).not.toContain(secret);
  });

  it("does not ask Kisi for doors before the window opens", async () => {
    const { token } = await fx.issue({ validFrom: new Date(Date.now() + 60_000) });
    fx.emulator.requests.length = 0;
    const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
    expect(view).toMatchObject({ link: { state: "scheduled" }, doors: [], doorsError: null });
    expect(locksCalls()).toHaveLength(0);
  });

  it("reports Kisi being down as doorsError instead of failing the page", async () => {
    const { token } = await fx.issue();
    fx.emulator.faults.add({
      method: "GET",
      path: "/locks",
      action: { kind: "status", status: 503 },
    });
    const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
    expect(view).toMatchObject({ doors: [], doorsError: "kisi_unavailable" });
  });

  it("shows a link deleted inside Kisi as revoked, and records it so the dashboard agrees", async () => {
    const { token, link } = await fx.issue();
    fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId)!.deletedAt =
      new Date().toISOString();
    const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
    // Before: "No doors are available on this link yet" and an active link in the dashboard.
    expect(view).toMatchObject({ link: { state: "revoked" }, doors: [], doorsError: null });
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row).toMatchObject({ status: "revoked", kisiDeletedAt: null });
    expect(row?.kisiGoneAt).toBeInstanceOf(Date);
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it("keeps listing the last known doors, as unavailable, while Kisi does not answer", async () => {
    const { token } = await fx.issue();
    const access = (await findLinkByToken(fx.db, token))!;
    expect((await buildAccessView(fx.deps, access))?.doors).toHaveLength(3);
    fx.emulator.faults.add({
      method: "GET",
      path: "/locks",
      action: { kind: "status", status: 503 },
    });
    const view = await buildAccessView(fx.deps, access);
    expect(view).toMatchObject({ doorsError: "kisi_unavailable", doorsStale: true });
    expect(view?.doors.map((d) => [d.name, d.online])).toEqual([
      ["Front door", false],
      ["Locker room", false],
      ["Studio 1", false],
    ]);
  });

  it("shows a scheduled link the doors this instance last saw, without asking Kisi", async () => {
    const warm = await fx.issue();
    await buildAccessView(fx.deps, (await findLinkByToken(fx.db, warm.token))!);
    const { token } = await fx.issue({ validFrom: new Date(Date.now() + 60_000) });
    fx.emulator.requests.length = 0;
    const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
    expect(view).toMatchObject({
      link: { state: "scheduled" },
      doorsError: null,
      doorsStale: false,
    });
    expect(view?.doors).toHaveLength(3);
    expect(locksCalls()).toHaveLength(0);
  });

  it("carries door-state colours that differ from the brand's ready colour", async () => {
    const { token } = await fx.issue();
    const view = (await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!))!;
    for (const state of [view.studio.states.opened, view.studio.states.failed])
      expect(deltaE(state.fill, view.studio.palette.primary)).toBeGreaterThanOrEqual(
        MIN_STATE_DELTA_E,
      );
  });
});

describe("per-door geofence", () => {
  it("a door with its own fence asks for the location even when the studio's is off", async () => {
    await fx.db
      .insert(doorSettings)
      .values({ studioId: DEMO_IDS.studio, kisiLockId: 5002, geofenceEnabled: true });
    try {
      // Every call paced per Kisi key as in production (4/s): this emulator holds to Kisi's
      // 5 requests/s, and a tap also checks the door against the studio group's locks.
      const kisi = new KisiClient({ baseUrl: fx.emulator.url });
      const paced = { ...fx.deps, kisi };
      const { token } = await fx.issue({}, kisi);
      const view = await buildAccessView(paced, (await findLinkByToken(fx.db, token))!);
      expect(view?.geofence.enabled).toBe(true);
      expect(Object.fromEntries(view!.doors.map((d) => [d.id, d.geofenced]))).toEqual({
        5001: false,
        5002: true,
        5003: false,
      });
      await expect(
        unlockDoor(paced, { token, lockId: 5002, body: {}, ip: null, userAgent: null }),
      ).rejects.toMatchObject({ code: "location_required" });
      await expect(
        unlockDoor(paced, { token, lockId: 5001, body: {}, ip: null, userAgent: null }),
      ).resolves.toMatchObject({ status: "unlocked" });
    } finally {
      await fx.db.delete(doorSettings);
    }
  });
});

describe("door display names on the guest's page", () => {
  it("shows the staff's name in the guest's language, else the studio's, else Kisi's", async () => {
    await fx.db.insert(doorSettings).values({
      studioId: DEMO_IDS.studio,
      kisiLockId: 5001,
      displayNames: { de: "Haupteingang", en: "Main entrance" },
    });
    try {
      const names = async (locale: Locale) => {
        const { token } = await fx.issue({ locale });
        const view = await buildAccessView(fx.deps, (await findLinkByToken(fx.db, token))!);
        return view?.doors.map((d) => d.name);
      };
      expect(await names("de")).toEqual(["Haupteingang", "Locker room", "Studio 1"]);
      expect(await names("en")).toEqual(["Locker room", "Main entrance", "Studio 1"]);
      // No French name: the studio's own language (English) comes first.
      expect(await names("fr")).toContain("Main entrance");
    } finally {
      await fx.db.delete(doorSettings);
    }
  });
});

describe("sharing door lists between links", () => {
  it("one link's refusal by Kisi is not passed to another link asking at the same time", async () => {
    const deleted = await fx.issue({ guestName: "Gone" });
    const valid = await fx.issue({ guestName: "Here" });
    fx.emulator.state.groupLinks.find((l) => l.id === deleted.link.kisiGroupLinkId)!.deletedAt =
      new Date().toISOString();
    const deps = { ...fx.deps, doorCacheMs: 15_000 };
    const [a, b] = await Promise.all([
      buildAccessView(deps, (await findLinkByToken(fx.db, deleted.token))!),
      buildAccessView(deps, (await findLinkByToken(fx.db, valid.token))!),
    ]);
    expect(a?.link.state).toBe("revoked");
    expect(b).toMatchObject({ link: { state: "active" }, doorsError: null });
    expect(b?.doors).toHaveLength(3);
  });
});

describe("Kisi's budget at class start", () => {
  it(
    "50 guests opening their links at once cost one Kisi door-list call, with no 429",
    { timeout: 40_000 },
    async () => {
      const links = [];
      const paced = new KisiClient({ baseUrl: fx.emulator.url }); // production pacing: serial, 4/s
      for (let i = 0; i < 50; i++) links.push(await fx.issue({ guestName: `Guest ${i}` }, paced));
      fx.emulator.requests.length = 0;
      const deps = { ...fx.deps, kisi: paced, doorCacheMs: 15_000 };
      const views = await Promise.all(
        links.map(async ({ token }) =>
          buildAccessView(deps, (await findLinkByToken(fx.db, token))!),
        ),
      );
      expect(views.every((v) => v?.doors.length === 3)).toBe(true);
      expect(locksCalls()).toHaveLength(1);
      expect(fx.emulator.requests.some((r) => r.status === 429)).toBe(false);
    },
  );
});
