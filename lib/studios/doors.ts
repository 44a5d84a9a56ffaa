import "server-only";
import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { doorSettings, type studios } from "@/lib/db/schema";
import { listAll } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import { studioKisiAuth } from "@/lib/links/kisi-auth";
import type { DoorOverrideBody } from "@/lib/schemas/studio-settings";
import { recordDoorOverride } from "@/lib/staff-audit/record";
import type { StudioDeps } from "./settings";

type StudioRow = typeof studios.$inferSelect;

export type DoorOverride =
  | { mode: "inherit" }
  | { mode: "off" }
  | {
      mode: "custom";
      radiusM: number | null;
      maxAccuracyM: number | null;
      latitude: number | null;
      longitude: number | null;
    };

/** A stored override row as the settings page shows it. */
export function overrideMode(
  row: {
    enabled: boolean | null;
    latitude: number | null;
    longitude: number | null;
    radiusM: number | null;
    maxAccuracyM: number | null;
  } | null,
): DoorOverride {
  if (!row) return { mode: "inherit" };
  if (row.enabled === false) return { mode: "off" };
  if (
    row.enabled === null &&
    row.radiusM === null &&
    row.maxAccuracyM === null &&
    row.latitude === null
  )
    return { mode: "inherit" };
  return {
    mode: "custom",
    radiusM: row.radiusM,
    maxAccuracyM: row.maxAccuracyM,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

async function groupDoors(deps: StudioDeps, studio: StudioRow) {
  const auth = await studioKisiAuth(deps, studio.id);
  if (!auth || studio.kisiGroupId === null) throw new ApiError("studio_not_ready");
  const groupId = studio.kisiGroupId;
  const locks = await listAll((q) => deps.kisi.listGroupLocks(auth, groupId, q)).catch(kisiFailure);
  return { auth, locks };
}

/**
 * The doors of the studio's Kisi group (asked with the studio's key), each with its geofence
 * override, and the Kisi place's coordinates (the geofence's default centre).
 */
export async function studioDoors(deps: StudioDeps, studio: StudioRow) {
  const { auth, locks } = await groupDoors(deps, studio);
  const overrides = await loadStudioDoorOverrides(deps.db, studio.id);
  const place =
    studio.kisiPlaceId === null
      ? null
      : await deps.kisi.getPlace(auth, studio.kisiPlaceId).catch(kisiFailure);
  const doors = locks
    .map((l) => ({
      id: l.lock.id,
      name: l.lock.name,
      override: overrideMode(overrides.get(l.lock.id) ?? null),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    doors,
    place:
      place && place.latitude !== null && place.longitude !== null
        ? { name: place.name, latitude: place.latitude, longitude: place.longitude }
        : null,
  };
}

/**
 * Sets one door's override. The door must be one of the studio's group (asked of Kisi, so a
 * lock id of another organization is a 404, never a row). `inherit` deletes the row.
 */
export async function setDoorOverride(
  deps: StudioDeps,
  studio: StudioRow,
  body: DoorOverrideBody,
): Promise<DoorOverride> {
  const { locks } = await groupDoors(deps, studio);
  if (!locks.some((l) => l.lock.id === body.lockId)) throw new ApiError("not_found");
  const where = and(eq(doorSettings.studioId, studio.id), eq(doorSettings.kisiLockId, body.lockId));
  if (body.mode === "inherit") {
    await deps.db.transaction(async (tx) => {
      await recordDoorOverride(tx, studio, body.lockId, null);
      await tx.delete(doorSettings).where(where);
    });
    return { mode: "inherit" };
  }
  const values =
    body.mode === "off"
      ? {
          geofenceEnabled: false,
          geofenceLatitude: null,
          geofenceLongitude: null,
          geofenceRadiusM: null,
          geofenceMaxAccuracyM: null,
        }
      : {
          geofenceEnabled: true,
          geofenceLatitude: body.latitude ?? null,
          geofenceLongitude: body.longitude ?? null,
          geofenceRadiusM: body.radiusM,
          geofenceMaxAccuracyM: body.maxAccuracyM ?? null,
        };
  await deps.db.transaction(async (tx) => {
    await recordDoorOverride(tx, studio, body.lockId, values);
    await tx
      .insert(doorSettings)
      .values({ studioId: studio.id, kisiLockId: body.lockId, ...values })
      .onConflictDoUpdate({
        target: [doorSettings.studioId, doorSettings.kisiLockId],
        set: { ...values, updatedAt: new Date() },
      });
  });
  return overrideMode({
    enabled: values.geofenceEnabled,
    latitude: values.geofenceLatitude,
    longitude: values.geofenceLongitude,
    radiusM: values.geofenceRadiusM,
    maxAccuracyM: values.geofenceMaxAccuracyM,
  });
}

function kisiFailure(error: unknown): never {
  if (isKisiError(error) && error.isAuthFailure)
    throw new ApiError("kisi_key_invalid", { cause: error });
  throw new ApiError(
    isKisiError(error) && error.isRateLimited ? "rate_limited" : "kisi_unavailable",
    { cause: error },
  );
}
