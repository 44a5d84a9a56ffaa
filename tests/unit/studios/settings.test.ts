import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/encryption";
import { kisiCredentials, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { DEMO_SEED, OTHER_ORG_SEED } from "@/lib/kisi/emulator";
import { updateStudioBodySchema } from "@/lib/schemas/studios";
import { studioDoors } from "@/lib/studios/doors";
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

describe("Kisi failures while reading the studio's groups and doors", () => {
  // Each Kisi answer and the API error it must become. 4xx answers are not retried, so each
  // fault is met once; a 429 is met on every attempt the client makes (three for a read).
  const cases = [
    ["a key Kisi no longer knows (401)", "kisi_key_invalid", { kind: "status", status: 401 }, 1],
    [
      "a key whose user lost its rights (403)",
      "kisi_key_invalid",
      { kind: "status", status: 403 },
      1,
    ],
    ["a request Kisi refuses (422)", "kisi_unavailable", { kind: "status", status: 422 }, 1],
    [
      "a redirect, never followed",
      "kisi_unavailable",
      { kind: "redirect", location: "https://elsewhere.example/" },
      1,
    ],
    ["Kisi's rate limit", "rate_limited", { kind: "rate_limit", retryAfter: 0 }, 3],
  ] as const;

  it.each(cases)("%s → %s", async (_, code, action, times) => {
    const studio = await demoStudio();
    fx.emulator.faults.add({ method: "GET", path: "/groups", times, action });
    expect(await failure(kisiGroupsOf(fx.deps, studio))).toBe(code);
    fx.emulator.faults.add({ method: "GET", path: "/group_locks", times, action });
    expect(await failure(studioDoors(fx.deps, studio))).toBe(code);
  });

  it("a rate-limited read carries Kisi's last wait as the caller's Retry-After", async () => {
    const studio = await demoStudio();
    // The client's first two attempts meet a short wait; the last answer asks for 7 s.
    const rule = (retryAfter: number, times: number) =>
      ({
        method: "GET",
        path: "/groups",
        times,
        action: { kind: "rate_limit", retryAfter },
      }) as const;
    fx.emulator.faults.add(rule(0, 2));
    fx.emulator.faults.add(rule(7, 1));
    expect(await kisiGroupsOf(fx.deps, studio).catch((e: unknown) => e)).toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 7,
    });
  });
});
