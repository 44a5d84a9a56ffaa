import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { presetWindow } from "@/components/admin/window-presets";
import { doorSettings, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { DEMO_SEED, OTHER_ORG_SEED } from "@/lib/kisi/emulator";
import { resolveGeofence } from "@/lib/geo/geofence";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { doorOverrideBodySchema, emailPreviewBodySchema } from "@/lib/schemas/studio-settings";
import { updateStudioBodySchema } from "@/lib/schemas/studios";
import { setDoorOverride, studioDoors } from "@/lib/studios/doors";
import { renderEmailPreview } from "@/lib/studios/email-preview";
import { studioSettingsView, updateStudio } from "@/lib/studios/settings";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.emulator.reset();
  await fx.db.delete(doorSettings);
});

const demoStudio = async () =>
  (await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio)))[0]!;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable(),
    (e: { code?: string }) => e.code,
  );
const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.path.join("."));

describe("the email preview", () => {
  it("rejects colours that are not #rrggbb, and requires both", () => {
    for (const primaryColor of ["red", "#12345", "#1234567", "#gggggg", "1d4ed8", ""]) {
      const result = emailPreviewBodySchema.safeParse({ primaryColor, accentColor: "#0f766e" });
      expect(issuePaths(result), primaryColor).toEqual(["primaryColor"]);
    }
    expect(issuePaths(emailPreviewBodySchema.safeParse({ primaryColor: "#1d4ed8" }))).toEqual([
      "accentColor",
    ]);
    expect(
      issuePaths(
        emailPreviewBodySchema.safeParse({
          primaryColor: "#1d4ed8",
          accentColor: "#0f766e",
          textColor: "#ffffff",
        }),
      ),
    ).toEqual([""]);
  });

  it("renders the real email in the draft colours and saves nothing", async () => {
    const before = await demoStudio();
    const draft = emailPreviewBodySchema.parse({
      primaryColor: "#0b5d3b",
      accentColor: "#fde047",
      supportPhone: "+49 30 1234567",
      senderName: "Front Desk",
      locale: "de",
    });
    const preview = await renderEmailPreview(before, draft, "http://127.0.0.1:3000");
    // A dark primary keeps its colour with white text.
    expect(before.primaryColor).not.toBe("#0b5d3b");
    expect(preview.html).toContain("background-color:#0b5d3b");
    expect(preview.html).toContain("+49 30 1234567");
    expect(preview.html).toContain("Alex Beispiel");
    expect(preview.html).toContain('lang="de"');
    expect(preview.html).not.toContain(before.primaryColor);
    expect(preview.senderName).toBe("Front Desk");
    expect(preview.html).toContain("http://127.0.0.1:3000/access/preview");
    expect(await demoStudio()).toEqual(before);
  });

  it("uses the derived, readable fill for a colour white text cannot sit on", async () => {
    const preview = await renderEmailPreview(
      await demoStudio(),
      emailPreviewBodySchema.parse({ primaryColor: "#808080", accentColor: "#0f766e" }),
      "http://127.0.0.1:3000",
    );
    expect(preview.html).not.toContain("background-color:#808080");
  });
});

describe("door overrides", () => {
  it("validates the body: a mode, a radius for a custom fence, coordinates together", () => {
    const ok = (body: unknown) => doorOverrideBodySchema.safeParse(body).success;
    expect(ok({ lockId: 5001, mode: "inherit" })).toBe(true);
    expect(ok({ lockId: 5001, mode: "off" })).toBe(true);
    expect(ok({ lockId: 5001, mode: "custom", radiusM: 40 })).toBe(true);
    expect(ok({ lockId: 5001, mode: "custom", radiusM: 40, latitude: 52.5, longitude: 13.4 })).toBe(
      true,
    );
    expect(ok({ lockId: 5001, mode: "custom" })).toBe(false);
    expect(ok({ lockId: 5001, mode: "custom", radiusM: 5 })).toBe(false);
    expect(ok({ lockId: 5001, mode: "custom", radiusM: 40, maxAccuracyM: 5_000 })).toBe(false);
    expect(ok({ lockId: 5001, mode: "maybe" })).toBe(false);
    expect(ok({ lockId: -1, mode: "off" })).toBe(false);
    expect(ok({ lockId: 5001, mode: "off", radiusM: 40 })).toBe(false);
    const lonely = doorOverrideBodySchema.safeParse({
      lockId: 5001,
      mode: "custom",
      radiusM: 40,
      latitude: 52.5,
    });
    expect(issuePaths(lonely)).toEqual(["longitude"]);
    expect(
      issuePaths(
        doorOverrideBodySchema.safeParse({
          lockId: 5001,
          mode: "custom",
          radiusM: 40,
          longitude: 1,
        }),
      ),
    ).toEqual(["latitude"]);
  });

  it("lists the group's doors from Kisi with their overrides and the place's location", async () => {
    const studio = await demoStudio();
    await setDoorOverride(fx.deps, studio, { lockId: 5002, mode: "off" });
    const { doors, place } = await studioDoors(fx.deps, studio);
    expect(doors.map((d) => d.id).sort()).toEqual([...DEMO_SEED.guestLockIds].sort());
    expect(doors.find((d) => d.id === 5002)?.override).toEqual({ mode: "off" });
    expect(doors.find((d) => d.id === 5001)?.override).toEqual({ mode: "inherit" });
    expect(place).toMatchObject({ latitude: DEMO_SEED.latitude, longitude: DEMO_SEED.longitude });
  });

  it("stores off, custom and inherit so the unlock decision sees them", async () => {
    const studio = await demoStudio();
    const studioFence = {
      enabled: true,
      latitude: 52.5,
      longitude: 13.4,
      radiusM: 100,
      maxAccuracyM: 150,
      maxAgeS: 60,
    };

    await setDoorOverride(fx.deps, studio, { lockId: 5001, mode: "off" });
    let fence = resolveGeofence(studioFence, await doorOverrides(fx.db, studio.id, 5001), null);
    expect(fence.enabled).toBe(false);

    const { override: custom } = await setDoorOverride(fx.deps, studio, {
      lockId: 5001,
      mode: "custom",
      radiusM: 30,
      latitude: 52.6,
      longitude: 13.5,
    });
    expect(custom).toEqual({
      mode: "custom",
      radiusM: 30,
      maxAccuracyM: null,
      latitude: 52.6,
      longitude: 13.5,
    });
    fence = resolveGeofence(studioFence, await doorOverrides(fx.db, studio.id, 5001), null);
    expect(fence).toMatchObject({
      enabled: true,
      radiusM: 30,
      maxAccuracyM: 150,
      center: { latitude: 52.6, longitude: 13.5 },
    });

    await setDoorOverride(fx.deps, studio, { lockId: 5001, mode: "inherit" });
    expect(await doorOverrides(fx.db, studio.id, 5001)).toBeNull();
  });

  it("keeps a door's shared-opening window beside its fence: set, kept when left out, back to the default", async () => {
    const studio = await demoStudio();
    const ok = (body: unknown) => doorOverrideBodySchema.safeParse(body).success;
    expect(ok({ lockId: 5001, mode: "inherit", sharedOpenSeconds: 0 })).toBe(true);
    expect(ok({ lockId: 5001, mode: "inherit", sharedOpenSeconds: 31 })).toBe(false);
    expect(ok({ lockId: 5001, mode: "inherit", sharedOpenSeconds: -1 })).toBe(false);
    expect(ok({ lockId: 5001, mode: "inherit", sharedOpenSeconds: 2.5 })).toBe(false);

    const set = await setDoorOverride(fx.deps, studio, {
      lockId: 5001,
      mode: "inherit",
      sharedOpenSeconds: 12,
    });
    expect(set).toMatchObject({ override: { mode: "inherit" }, sharedOpenSeconds: 12 });
    // A save of the fence alone (the window left out) keeps it.
    expect(await setDoorOverride(fx.deps, studio, { lockId: 5001, mode: "off" })).toMatchObject({
      sharedOpenSeconds: 12,
    });
    const listed = await studioDoors(fx.deps, studio);
    expect(listed.doors.find((d) => d.id === 5001)?.sharedOpenSeconds).toBe(12);
    expect(listed.doors.find((d) => d.id === 5002)?.sharedOpenSeconds).toBeNull();
    expect(listed.sharedOpenDefault).toEqual(expect.any(Number));
    // Back to inherit and the deployment's window: nothing is left to store.
    await setDoorOverride(fx.deps, studio, {
      lockId: 5001,
      mode: "inherit",
      sharedOpenSeconds: null,
    });
    expect(await fx.db.select().from(doorSettings)).toEqual([]);
  });

  it("refuses a door outside the studio's group (another org's lock, a staff door): 404", async () => {
    const studio = await demoStudio();
    for (const lockId of [OTHER_ORG_SEED.lockId, DEMO_SEED.staffLockId, 999_999]) {
      expect(await failure(setDoorOverride(fx.deps, studio, { lockId, mode: "off" }))).toBe(
        "not_found",
      );
    }
    expect(await fx.db.select().from(doorSettings)).toEqual([]);
  });

  it("needs a Kisi key and group first", async () => {
    const studio = { ...(await demoStudio()), kisiGroupId: null };
    expect(await failure(studioDoors(fx.deps, studio))).toBe("studio_not_ready");
  });
});

describe("default link durations", () => {
  it("a studio starts with a 90-minute class, changeable within bounds", async () => {
    const studio = await demoStudio();
    expect((await studioSettingsView(fx.db, studio)).durations).toEqual({
      classMinutes: 90,
      weekDays: 7,
    });
    expect(updateStudioBodySchema.safeParse({ classMinutes: 10 }).success).toBe(false);
    expect(updateStudioBodySchema.safeParse({ classMinutes: 721 }).success).toBe(false);
    expect(updateStudioBodySchema.safeParse({ classMinutes: 60.5 }).success).toBe(false);
    const updated = await updateStudio(fx.deps, studio, { classMinutes: 75 });
    expect(updated.classMinutes).toBe(75);
    expect((await studioSettingsView(fx.db, updated)).durations.classMinutes).toBe(75);
    await updateStudio(fx.deps, updated, { classMinutes: 90 });
  });

  it("the issue form's presets use the studio's class length; the week stays 7 days", () => {
    const now = new Date("2026-03-10T17:00:00Z");
    const studio = { timeZone: "Europe/Berlin", classMinutes: 75 };
    expect(presetWindow("class", studio, now)).toEqual({
      from: now,
      until: new Date("2026-03-10T18:15:00Z"),
    });
    expect(presetWindow("week", studio, now).until).toEqual(new Date("2026-03-17T17:00:00Z"));
    expect(presetWindow("today", studio, now).until).toEqual(new Date("2026-03-10T22:59:00Z"));
  });
});

/** One door's stored overrides, as the studio's door list reads them (null: none stored). */
async function doorOverrides(
  db: Parameters<typeof loadStudioDoorOverrides>[0],
  studioId: string,
  lockId: number,
) {
  return (await loadStudioDoorOverrides(db, studioId)).get(lockId) ?? null;
}
