import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as activityRoute from "@/app/api/studios/[studioId]/activity/route";
import * as linkAuditRoute from "@/app/api/studios/[studioId]/links/[linkId]/audit/route";
import { clearDoorCache, getLinkDoors } from "@/lib/access/doors";
import { auditQuerySchema, listUnlockAudit, type AuditEntry } from "@/lib/audit/unlock-audit";
import { doorSettings, unlockAudit } from "@/lib/db/schema";
import { DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import type { Locale } from "@/lib/i18n/locales";
import { findLinkById } from "@/lib/links/find-by-token";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { callRoute, routesUse, signInCookie } from "../../support/route-session";

/** The audit lists name doors as staff named them, in the dashboard reader's language. */
let fx: AccessFixture;
let linkId: string;
let cookie: string;
const STUDIO = DEMO_IDS.studio;
let undoRoutes: () => void;

beforeAll(async () => {
  fx = await setupAccessFixture();
  undoRoutes = routesUse(fx);
  cookie = await signInCookie(fx.config.appOrigin, DEMO_STAFF.frontDesk.email);
  linkId = (await fx.issue({ guestName: "Named Doors" })).link.id;
  await fx.db.delete(doorSettings);
  await fx.db.insert(doorSettings).values([
    {
      studioId: STUDIO,
      kisiLockId: 5001,
      displayNames: { de: "Haupteingang", en: "Main entrance" },
    },
    { studioId: STUDIO, kisiLockId: 5002, displayNames: { fr: "Salle 1" } },
  ]);
  await fx.db.insert(unlockAudit).values(
    [5001, 5002, 5003].map((kisiLockId, i) => ({
      studioId: STUDIO,
      linkId,
      kisiLockId,
      outcome: "unlocked",
      allowed: true,
      createdAt: new Date(Date.parse("2030-01-01T10:00:00Z") + i * 1000),
    })),
  );
});
afterAll(async () => {
  undoRoutes();
  await fx.close();
});
beforeEach(() => clearDoorCache());

const byLock = (items: AuditEntry[]) =>
  Object.fromEntries(items.map((i) => [i.lockId, i.doorName]));
const names = async (locale?: Locale) =>
  byLock(
    (await listUnlockAudit(fx.db, { studioId: STUDIO, linkId, locale }, auditQuerySchema.parse({})))
      .items,
  );
const guestPageListsDoors = async () =>
  getLinkDoors(
    { kisi: fx.deps.kisi, keyring: fx.config.encryption },
    (await findLinkById(fx.db, linkId))!,
  );

describe("door names in the unlock audit", () => {
  it("shows the staff's name in the reader's language, then the studio's, then Kisi's", async () => {
    await guestPageListsDoors();
    expect(await names("de")).toEqual({
      5001: "Haupteingang",
      5002: "Studio 1",
      5003: "Locker room",
    });
    expect(await names("fr")).toEqual({
      5001: "Main entrance",
      5002: "Salle 1",
      5003: "Locker room",
    });
    // Without a reader's language: the studio's (English here).
    expect(await names()).toEqual({ 5001: "Main entrance", 5002: "Studio 1", 5003: "Locker room" });
  });

  it("shows a staff-set name even when this instance has not listed the doors lately", async () => {
    expect(await names("de")).toEqual({ 5001: "Haupteingang", 5002: null, 5003: null });
  });

  it("follows the caller's language on the activity and the link's audit routes", async () => {
    await guestPageListsDoors();
    const origin = fx.config.appOrigin;
    const activity = await callRoute(
      activityRoute.GET,
      { studioId: STUDIO },
      {
        origin,
        cookie,
        method: "GET",
        path: `/api/studios/${STUDIO}/activity`,
        headers: { "accept-language": "de-CH,de;q=0.9" },
      },
    );
    expect(activity.status).toBe(200);
    expect(byLock(((await activity.json()) as { items: AuditEntry[] }).items)).toMatchObject({
      5001: "Haupteingang",
      5002: "Studio 1",
    });
    const audit = await callRoute(
      linkAuditRoute.GET,
      { studioId: STUDIO, linkId },
      {
        origin,
        cookie,
        method: "GET",
        path: `/api/studios/${STUDIO}/links/${linkId}/audit`,
        headers: { "accept-language": "fr" },
      },
    );
    expect(audit.status).toBe(200);
    expect(byLock(((await audit.json()) as { items: AuditEntry[] }).items)).toEqual({
      5001: "Main entrance",
      5002: "Salle 1",
      5003: "Locker room",
    });
  });
});
