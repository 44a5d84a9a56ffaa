import { eq } from "drizzle-orm";
import { createAuth } from "@/lib/auth/create-auth";
import type { Config } from "@/lib/config/parse-config";
import { encryptSecret } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db/connect";
import { kisiCredentials, memberships, organizations, studios, user } from "@/lib/db/schema";
import { keyFingerprint } from "@/lib/kisi/client";
import { DEMO_SEED, OTHER_ORG_SEED } from "@/lib/kisi/emulator/seed";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "./constants";

/**
 * The demo tenant: one organization, one studio wired to the emulator's demo Kisi account, and
 * an owner who can sign in. Fixed ids make the seed idempotent: `npm run demo` runs it at every
 * start and it only fills in what is missing.
 */
export { DEMO_ACCOUNT, DEMO_IDS } from "./constants";

export async function seedDemo(db: Db, config: Config): Promise<{ ownerCreated: boolean }> {
  await db
    .insert(organizations)
    .values({ id: DEMO_IDS.organization, name: "Latchkey Demo Studios" })
    .onConflictDoNothing();

  await seedCredential(db, config, {
    id: DEMO_IDS.credential,
    organizationId: DEMO_IDS.organization,
    label: "Demo Kisi account (emulator)",
    apiKey: DEMO_SEED.apiKey,
  });

  await db
    .insert(studios)
    .values({
      id: DEMO_IDS.studio,
      organizationId: DEMO_IDS.organization,
      name: DEMO_SEED.placeName,
      timeZone: DEMO_SEED.timeZone,
      defaultLocale: "en",
      kisiCredentialId: DEMO_IDS.credential,
      kisiGroupId: DEMO_SEED.groupId,
      kisiPlaceId: DEMO_SEED.placeId,
      primaryColor: "#7c3aed",
      accentColor: "#f59e0b",
      senderName: DEMO_SEED.placeName,
      supportEmail: "frontdesk@latchkey.test",
      supportPhone: "+49 30 1234567",
      address: DEMO_SEED.placeAddress,
    })
    .onConflictDoNothing();

  // A second studio of the same franchise, on the same Kisi account but its own group of doors,
  // with a 100 m geofence around the Kisi place: the demo shows both experiences. (On the guest
  // group its fence would apply to the first studio's links too: a door's fence is the door's.)
  await db
    .insert(studios)
    .values({
      id: DEMO_IDS.geofencedStudio,
      organizationId: DEMO_IDS.organization,
      name: "Latchkey Climbing (geofenced)",
      timeZone: DEMO_SEED.timeZone,
      defaultLocale: "en",
      kisiCredentialId: DEMO_IDS.credential,
      kisiGroupId: DEMO_SEED.climbingGroupId,
      kisiPlaceId: DEMO_SEED.placeId,
      primaryColor: "#0f766e",
      accentColor: "#facc15",
      senderName: "Latchkey Climbing",
      supportEmail: "climbing@latchkey.test",
      address: DEMO_SEED.placeAddress,
      geofenceEnabled: true,
    })
    .onConflictDoNothing();

  const [existing] = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, DEMO_ACCOUNT.email));
  let ownerId = existing?.id;
  if (!ownerId) {
    // Through better-auth itself, so the password is hashed exactly as sign-in expects.
    const auth = createAuth(db, config, { allowSignUp: true });
    const result = await auth.api.signUpEmail({ body: { ...DEMO_ACCOUNT } });
    ownerId = result.user.id;
  }
  await db
    .insert(memberships)
    .values({
      userId: ownerId,
      organizationId: DEMO_IDS.organization,
      studioId: null,
      role: "owner",
    })
    .onConflictDoNothing();
  await seedDemoStaff(db, config);
  return { ownerCreated: !existing };
}

/** Demo users for every role, and a second organization to show tenants are kept apart. */
async function seedDemoStaff(db: Db, config: Config): Promise<void> {
  await db
    .insert(organizations)
    .values({ id: DEMO_IDS.otherOrganization, name: OTHER_ORG_SEED.organizationName })
    .onConflictDoNothing();
  await seedCredential(db, config, {
    id: DEMO_IDS.otherCredential,
    organizationId: DEMO_IDS.otherOrganization,
    label: "Other organization's Kisi account (emulator)",
    apiKey: OTHER_ORG_SEED.apiKey,
  });
  await db
    .insert(studios)
    .values({
      id: DEMO_IDS.otherStudio,
      organizationId: DEMO_IDS.otherOrganization,
      name: OTHER_ORG_SEED.placeName,
      timeZone: OTHER_ORG_SEED.timeZone,
      defaultLocale: "fr",
      kisiCredentialId: DEMO_IDS.otherCredential,
      kisiGroupId: OTHER_ORG_SEED.groupId,
      kisiPlaceId: OTHER_ORG_SEED.placeId,
      address: OTHER_ORG_SEED.placeAddress,
    })
    .onConflictDoNothing();

  const people = [
    {
      ...DEMO_STAFF.manager,
      organizationId: DEMO_IDS.organization,
      studioId: DEMO_IDS.studio,
      role: "manager" as const,
    },
    {
      ...DEMO_STAFF.frontDesk,
      organizationId: DEMO_IDS.organization,
      studioId: DEMO_IDS.studio,
      role: "front_desk" as const,
    },
    {
      ...DEMO_STAFF.otherOwner,
      organizationId: DEMO_IDS.otherOrganization,
      studioId: null,
      role: "owner" as const,
    },
  ];
  const auth = createAuth(db, config, { allowSignUp: true });
  for (const person of people) {
    const [existing] = await db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.email, person.email));
    const userId =
      existing?.id ??
      (
        await auth.api.signUpEmail({
          body: { email: person.email, name: person.name, password: DEMO_ACCOUNT.password },
        })
      ).user.id;
    await db
      .insert(memberships)
      .values({
        userId,
        organizationId: person.organizationId,
        studioId: person.studioId,
        role: person.role,
      })
      .onConflictDoNothing();
  }
}

/** A Kisi credential as a studio admin would store it: encrypted, last four, fingerprint. */
async function seedCredential(
  db: Db,
  config: Config,
  input: { id: string; organizationId: string; label: string; apiKey: string },
) {
  await db
    .insert(kisiCredentials)
    .values({
      id: input.id,
      organizationId: input.organizationId,
      label: input.label,
      apiKeyCiphertext: encryptSecret(input.apiKey, `kisi-api-key:${input.id}`, config.encryption),
      apiKeyLast4: input.apiKey.slice(-4),
      apiKeyFingerprint: keyFingerprint(input.apiKey),
      status: "valid",
      verifiedAt: new Date(),
    })
    .onConflictDoNothing();
}
