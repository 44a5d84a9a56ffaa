import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { kisiApiError } from "@/lib/api/kisi-error";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { kisiCredentials, studios } from "@/lib/db/schema";
import { keyFingerprint, listAll, type KisiClient } from "@/lib/kisi/client";
import { sealFor, secretContext } from "@/lib/links/secrets";
import { studioKisiAuth } from "@/lib/links/kisi-auth";
import type { UpdateStudioBody } from "@/lib/schemas/studios";
import { studioGeofence } from "@/lib/geo/geofence";
import {
  recordKisiKeyChange,
  recordStaffChange,
  recordStudioUpdate,
} from "@/lib/staff-audit/record";
import { brandPalette, paletteContrast } from "@/lib/brand/contrast";

type StudioRow = typeof studios.$inferSelect;
export type StudioDeps = { db: Db; kisi: KisiClient; keyring: Keyring };

/** A studio's settings as the API and dashboard see them: the Kisi key only as its last four. */
export type StudioSettingsView = Awaited<ReturnType<typeof studioSettingsView>>;

export async function studioSettingsView(db: Db, studio: StudioRow) {
  const [credential] = studio.kisiCredentialId
    ? await db.select().from(kisiCredentials).where(eq(kisiCredentials.id, studio.kisiCredentialId))
    : [];
  const palette = brandPalette(studio.primaryColor, studio.accentColor);
  return {
    id: studio.id,
    name: studio.name,
    timeZone: studio.timeZone,
    defaultLocale: studio.defaultLocale,
    durations: { classMinutes: studio.classMinutes, weekDays: 7 },
    kisi: {
      connected: Boolean(credential),
      keyLast4: credential?.apiKeyLast4 ?? null,
      keyStatus: credential?.status ?? null,
      verifiedAt: credential?.verifiedAt?.toISOString() ?? null,
      groupId: studio.kisiGroupId,
      placeId: studio.kisiPlaceId,
    },
    branding: {
      logoUrl: studio.logoPath,
      primaryColor: studio.primaryColor,
      accentColor: studio.accentColor,
      senderName: studio.senderName,
      replyTo: studio.replyTo,
      supportEmail: studio.supportEmail,
      supportPhone: studio.supportPhone,
      address: studio.address,
      // What guests will actually see, and how readable it is (WCAG ratios).
      palette,
      contrast: paletteContrast(palette),
    },
    geofence: studioGeofence(studio),
  };
}

export async function createStudio(
  db: Db,
  organizationId: string,
  input: { name: string; timeZone: string; defaultLocale: string },
) {
  return db.transaction(async (tx) => {
    const [studio] = await tx
      .insert(studios)
      .values({ organizationId, ...input })
      .returning();
    await recordStaffChange(tx, {
      organizationId,
      studioId: studio!.id,
      kind: "studio",
      action: "created",
      subject: studio!.name,
    });
    return studio!;
  });
}

/**
 * Applies a settings change. Picking a Kisi group checks it against Kisi with the studio's key
 * and takes the group's place (its coordinates are the geofence's default centre).
 */
export async function updateStudio(
  deps: StudioDeps,
  studio: StudioRow,
  patch: UpdateStudioBody,
): Promise<StudioRow> {
  const values: Partial<typeof studios.$inferInsert> = { updatedAt: new Date() };
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.timeZone !== undefined) values.timeZone = patch.timeZone;
  if (patch.defaultLocale !== undefined) values.defaultLocale = patch.defaultLocale;
  if (patch.classMinutes !== undefined) values.classMinutes = patch.classMinutes;
  const b = patch.branding;
  if (b)
    Object.assign(
      values,
      definedOnly({
        primaryColor: b.primaryColor,
        accentColor: b.accentColor,
        senderName: b.senderName,
        replyTo: b.replyTo,
        supportEmail: b.supportEmail,
        supportPhone: b.supportPhone,
        address: b.address,
      }),
    );
  const g = patch.geofence;
  if (g)
    Object.assign(
      values,
      definedOnly({
        geofenceEnabled: g.enabled,
        geofenceLatitude: g.latitude,
        geofenceLongitude: g.longitude,
        geofenceRadiusM: g.radiusM,
        geofenceMaxAccuracyM: g.maxAccuracyM,
        geofenceMaxAgeS: g.maxAgeS,
      }),
    );
  if (patch.kisiGroupId !== undefined) {
    const auth = await studioKisiAuth(deps, studio.id);
    if (!auth) throw new ApiError("studio_not_ready");
    const groups = await listAll((q) => deps.kisi.listGroups(auth, q)).catch(kisiFailure);
    const group = groups.find((x) => x.id === patch.kisiGroupId);
    if (!group)
      throw new ApiError("validation_failed", {
        issues: [{ path: "kisiGroupId", message: "unknownKisiGroup" }],
      });
    values.kisiGroupId = group.id;
    values.kisiPlaceId = group.place_id;
    // "Not permitted for this group" was about the old group: the next create asks Kisi again.
    if (studio.kisiCredentialId && group.id !== studio.kisiGroupId)
      await deps.db
        .update(kisiCredentials)
        .set({ status: "valid", statusReason: null, updatedAt: new Date() })
        .where(
          and(
            eq(kisiCredentials.id, studio.kisiCredentialId),
            eq(kisiCredentials.status, "group_forbidden"),
          ),
        );
  }
  return deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(studios)
      .set(values)
      .where(eq(studios.id, studio.id))
      .returning();
    await recordStudioUpdate(tx, studio, updated!);
    return updated!;
  });
}

/**
 * Connects (or replaces) the studio's Kisi API key. Kisi is asked first, so a mistyped or
 * revoked key is refused before it is stored; the key is then kept only encrypted, bound to its
 * row, and never shown again (SECURITY.md D-1, D-2). Returns the groups it can see.
 */
export async function connectKisiKey(deps: StudioDeps, studio: StudioRow, apiKey: string) {
  const auth = { scheme: "login" as const, apiKey };
  const groups = await listAll((q) => deps.kisi.listGroups(auth, q)).catch((error: unknown) => {
    throw kisiApiError(error, { authFailure: "kisi_key_rejected" });
  });
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await recordKisiKeyChange(tx, studio, apiKey.slice(-4));
    await tx.insert(kisiCredentials).values({
      id,
      organizationId: studio.organizationId,
      label: `${studio.name} (Kisi)`,
      apiKeyCiphertext: sealFor(secretContext.kisiApiKey(id), apiKey, deps.keyring),
      apiKeyLast4: apiKey.slice(-4),
      apiKeyFingerprint: keyFingerprint(apiKey),
      status: "valid",
      verifiedAt: new Date(),
    });
    await tx
      .update(studios)
      .set({ kisiCredentialId: id, updatedAt: new Date() })
      .where(eq(studios.id, studio.id));
  });
  return groups.map((g) => ({ id: g.id, name: g.name, placeId: g.place_id }));
}

/** The Kisi groups the studio's stored key can see, to pick the one its links belong to. */
export async function kisiGroupsOf(deps: StudioDeps, studio: StudioRow) {
  const auth = await studioKisiAuth(deps, studio.id);
  if (!auth) throw new ApiError("studio_not_ready");
  const groups = await listAll((q) => deps.kisi.listGroups(auth, q)).catch(kisiFailure);
  return groups.map((g) => ({ id: g.id, name: g.name, placeId: g.place_id }));
}

/** A stored key Kisi now refuses is `kisi_key_invalid`: the owner must connect a new one. */
function kisiFailure(error: unknown): never {
  throw kisiApiError(error, { authFailure: "kisi_key_invalid" });
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
