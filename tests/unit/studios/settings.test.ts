import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/encryption";
import { kisiCredentials, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { DEMO_SEED, OTHER_ORG_SEED } from "@/lib/kisi/emulator";
import { updateStudioBodySchema } from "@/lib/schemas/studios";
import {
  connectKisiKey,
  createStudio,
  kisiGroupsOf,
  studioSettingsView,
  updateStudio,
} from "@/lib/studios/settings";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.emulator.reset());

const demoStudio = async () =>
  (await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio)))[0]!;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable(),
    (e: { code?: string }) => e.code,
  );

describe("connecting a Kisi key", () => {
  it("verifies it with Kisi, stores it only encrypted, and returns the groups it sees", async () => {
    const studio = await createStudio(fx.db, (await demoStudio()).organizationId, {
      name: "Paris Annex",
      timeZone: "Europe/Paris",
      defaultLocale: "fr",
    });
    const groups = await connectKisiKey(fx.deps, studio, OTHER_ORG_SEED.apiKey);
    expect(groups).toEqual([
      {
        id: OTHER_ORG_SEED.groupId,
        name: OTHER_ORG_SEED.groupName,
        placeId: OTHER_ORG_SEED.placeId,
      },
    ]);

    const [row] = await fx.db.select().from(studios).where(eq(studios.id, studio.id));
    const [credential] = await fx.db
      .select()
      .from(kisiCredentials)
      .where(eq(kisiCredentials.id, row!.kisiCredentialId!));
    expect(credential).toMatchObject({
      status: "valid",
      apiKeyLast4: OTHER_ORG_SEED.apiKey.slice(-4),
    });
    expect(credential?.apiKeyCiphertext).not.toContain(OTHER_ORG_SEED.apiKey);
    expect(
      decryptSecret(
        credential!.apiKeyCiphertext,
        `kisi-api-key:${credential!.id}`,
        fx.config.encryption,
      ),
    ).toBe(OTHER_ORG_SEED.apiKey);

    const view = await studioSettingsView(fx.db, row!);
    expect(view.kisi).toEqual({
      connected: true,
      keyLast4: OTHER_ORG_SEED.apiKey.slice(-4),
      keyStatus: "valid",
      verifiedAt: expect.any(String),
      groupId: null,
      placeId: null,
    });
    expect(JSON.stringify(view)).not.toContain(OTHER_ORG_SEED.apiKey);
    expect(await kisiGroupsOf(fx.deps, row!)).toHaveLength(1);
  });

  it("refuses a key Kisi does not accept and stores nothing", async () => {
    const studio = await demoStudio();
    const [{ before }] = (await fx.db.select({ before: count() }).from(kisiCredentials)) as [
      { before: number },
    ];
    expect(await failure(connectKisiKey(fx.deps, studio, "kisi-not-a-real-key-000"))).toBe(
      "kisi_key_rejected",
    );
    const [{ after }] = (await fx.db.select({ after: count() }).from(kisiCredentials)) as [
      { after: number },
    ];
    expect(after).toBe(before);
    expect((await demoStudio()).kisiCredentialId).toBe(DEMO_IDS.credential);
  });
});

describe("changing settings", () => {
  it("picks a group Kisi knows and takes its place, refusing one it does not", async () => {
    const studio = await demoStudio();
    const updated = await updateStudio(fx.deps, studio, { kisiGroupId: DEMO_SEED.staffGroupId });
    expect(updated).toMatchObject({
      kisiGroupId: DEMO_SEED.staffGroupId,
      kisiPlaceId: DEMO_SEED.placeId,
    });
    expect(
      await failure(updateStudio(fx.deps, studio, { kisiGroupId: OTHER_ORG_SEED.groupId })),
    ).toBe("validation_failed");
    await updateStudio(fx.deps, studio, { kisiGroupId: DEMO_SEED.groupId });
  });

  it("picking another group clears 'not permitted for this group'; saving the same group keeps it", async () => {
    const forbid = () =>
      fx.db
        .update(kisiCredentials)
        .set({ status: "group_forbidden", statusReason: "Kisi answered 403" })
        .where(eq(kisiCredentials.id, DEMO_IDS.credential));
    const status = async () =>
      (
        await fx.db
          .select()
          .from(kisiCredentials)
          .where(eq(kisiCredentials.id, DEMO_IDS.credential))
      )[0]?.status;
    await forbid();
    await updateStudio(fx.deps, await demoStudio(), { kisiGroupId: DEMO_SEED.groupId });
    expect(await status()).toBe("group_forbidden");
    expect((await studioSettingsView(fx.db, await demoStudio())).kisi.keyStatus).toBe(
      "group_forbidden",
    );
    await updateStudio(fx.deps, await demoStudio(), { kisiGroupId: DEMO_SEED.staffGroupId });
    expect(await status()).toBe("valid");
    await forbid();
    await updateStudio(fx.deps, await demoStudio(), { kisiGroupId: DEMO_SEED.groupId });
    expect(await status()).toBe("valid");
  });

  it("maps branding and geofence, and reports the contrast guests will get", async () => {
    const studio = await demoStudio();
    const patch = updateStudioBodySchema.parse({
      branding: { primaryColor: "#ffd400", supportPhone: "+49 30 555", replyTo: null },
      geofence: { enabled: true, radiusM: 150, latitude: 52.5, longitude: 13.4 },
    });
    const view = await studioSettingsView(fx.db, await updateStudio(fx.deps, studio, patch));
    expect(view.branding).toMatchObject({
      primaryColor: "#ffd400",
      supportPhone: "+49 30 555",
      replyTo: null,
      accentColor: "#f59e0b",
    });
    expect(view.geofence).toMatchObject({
      enabled: true,
      radiusM: 150,
      latitude: 52.5,
      longitude: 13.4,
      maxAccuracyM: 150,
    });
    expect(view.branding.contrast.primary).toBeGreaterThanOrEqual(4.5);
    expect(view.branding.contrast.textOnPage).toBeGreaterThanOrEqual(4.5);
    await updateStudio(fx.deps, studio, {
      branding: { primaryColor: "#7c3aed" },
      geofence: { enabled: false, latitude: null, longitude: null, radiusM: 100 },
    });
  });

  it.each([
    [{ timeZone: "Mars/Olympus" }],
    [{ branding: { primaryColor: "purple" } }],
    [{ geofence: { latitude: 52.5 } }],
    [{ geofence: { radiusM: 2 } }],
    [{ branding: { supportEmail: "not-an-email" } }],
    [{ kisiApiKey: "mass-assignment" }],
  ])("refuses %o", (body) => {
    expect(updateStudioBodySchema.safeParse(body).success).toBe(false);
  });
});
