import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { kisiApiError } from "@/lib/api/kisi-error";
import { loadDoorFences, rememberGroupDoors, sharedDoorWarnings } from "@/lib/access/door-fence";
import type { LatLng } from "@/lib/geo/distance";
import type { GeofenceSettings } from "@/lib/geo/geofence";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { DEFAULT_UNLOCK_QUEUE } from "@/lib/access/unlock-queue";
import { doorSettings, type studios } from "@/lib/db/schema";
import { listAll } from "@/lib/kisi/client";
import { studioKisiAuth } from "@/lib/links/kisi-auth";
import type { DoorDisplayNamesInput, DoorOverrideBody } from "@/lib/schemas/studio-settings";
import { recordDoorNames, recordDoorOverride } from "@/lib/staff-audit/record";
import { storedDisplayNames, type DoorDisplayNames } from "./door-names";
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
  // What this group opens, so a door it shares with another studio's group gets both fences.
  await rememberGroupDoors(
    deps.db,
    studio.organizationId,
    groupId,
    locks.map((l) => l.lock.id),
  );
  return { auth, locks };
}

/**
 * The doors of the studio's Kisi group (asked with the studio's key), each with its geofence
 * override and shared-opening window, and the Kisi place's coordinates (the geofence's default
 * centre). `sharedOpenDefault` is the deployment's window, what a door without its own gets.
 */
export async function studioDoors(
  deps: StudioDeps,
  studio: StudioRow,
  sharedOpenDefault = DEFAULT_UNLOCK_QUEUE.sharedOpenSeconds,
) {
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
      displayNames: overrides.get(l.lock.id)?.displayNames ?? {},
      sharedOpenSeconds: overrides.get(l.lock.id)?.sharedOpenSeconds ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const centre =
    place && place.latitude !== null && place.longitude !== null
      ? { name: place.name, latitude: place.latitude, longitude: place.longitude }
      : null;
  return {
    doors,
    sharedOpenDefault,
    place: centre,
    sharedDoors: await sharedDoors(
      deps,
      studio,
      locks,
      centre && { latitude: centre.latitude, longitude: centre.longitude },
    ),
  };
}

/**
 * The studio's doors that another studio of the organization also holds with a different fence,
 * with the fence that applies to every tap (lib/access/door-fence.ts decides it, for the unlock
 * and for this warning alike). Shown in Settings after every save, so an owner who points a
 * studio at a group that shares doors sees at once which fence guests will meet.
 */
async function sharedDoors(
  deps: StudioDeps,
  studio: StudioRow,
  locks: Array<{ lock: { id: number; name: string }; place_id: number | null }>,
  place: LatLng | null,
) {
  const info = await loadDoorFences(deps.db, {
    organizationId: studio.organizationId,
    studioId: studio.id,
    linkGroupId: studio.kisiGroupId,
    doors: locks.map((l) => ({
      id: l.lock.id,
      place: l.place_id !== null && l.place_id === studio.kisiPlaceId ? place : null,
    })),
  });
  const names = new Map(locks.map((l) => [l.lock.id, l.lock.name]));
  const fence = (f: GeofenceSettings) => ({
    enabled: f.enabled,
    radiusM: f.radiusM,
    maxAccuracyM: f.maxAccuracyM,
    maxAgeS: f.maxAgeS,
    center: f.center,
  });
  return sharedDoorWarnings(info, studio.id)
    .map((d) => ({
      lockId: d.lockId,
      name: names.get(d.lockId) ?? String(d.lockId),
      others: d.others.map((o) => ({ id: o.studioId, name: o.studioName, fence: fence(o.fence) })),
      effective: d.effective ? fence(d.effective) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sets one door's override and, when given, its display names (a name sets that language, ""
 * removes it, a language left out is kept). The door must be one of the studio's group (asked
 * of Kisi, so a lock id of another organization is a 404, never a row). A door that is back to
 * `inherit` with no names left has no row.
 */
export async function setDoorOverride(
  deps: StudioDeps,
  studio: StudioRow,
  body: DoorOverrideBody,
): Promise<{
  override: DoorOverride;
  displayNames: DoorDisplayNames;
  sharedOpenSeconds: number | null;
}> {
  const { locks } = await groupDoors(deps, studio);
  if (!locks.some((l) => l.lock.id === body.lockId)) throw new ApiError("not_found");
  const where = and(eq(doorSettings.studioId, studio.id), eq(doorSettings.kisiLockId, body.lockId));
  const values =
    body.mode === "custom"
      ? {
          geofenceEnabled: true,
          geofenceLatitude: body.latitude ?? null,
          geofenceLongitude: body.longitude ?? null,
          geofenceRadiusM: body.radiusM,
          geofenceMaxAccuracyM: body.maxAccuracyM ?? null,
        }
      : {
          geofenceEnabled: body.mode === "off" ? false : null,
          geofenceLatitude: null,
          geofenceLongitude: null,
          geofenceRadiusM: null,
          geofenceMaxAccuracyM: null,
        };
  // Left out of the body: the stored window stays (an update leaves the column alone).
  const window =
    body.sharedOpenSeconds === undefined ? {} : { sharedOpenSeconds: body.sharedOpenSeconds };
  const { set, removed } = nameChanges(body.displayNames);
  // Merged in SQL, in one statement: two staff saving different languages at once both land.
  let merged = sql`${doorSettings.displayNames} || ${JSON.stringify(set)}::jsonb`;
  for (const locale of removed) merged = sql`(${merged}) - ${locale}::text`;
  const row = await deps.db.transaction(async (tx) => {
    await recordDoorOverride(tx, studio, body.lockId, { ...values, ...window });
    const [previous] = await tx
      .select({ displayNames: doorSettings.displayNames })
      .from(doorSettings)
      .where(where);
    const [saved] = await tx
      .insert(doorSettings)
      .values({
        studioId: studio.id,
        kisiLockId: body.lockId,
        ...values,
        ...window,
        displayNames: set,
      })
      .onConflictDoUpdate({
        target: [doorSettings.studioId, doorSettings.kisiLockId],
        set: { ...values, ...window, displayNames: merged, updatedAt: new Date() },
      })
      .returning();
    const displayNames = storedDisplayNames(saved?.displayNames);
    await recordDoorNames(tx, studio, body.lockId, {
      before: storedDisplayNames(previous?.displayNames),
      after: displayNames,
      touched: [...Object.keys(set), ...removed],
    });
    const sharedOpen = saved?.sharedOpenSeconds ?? null;
    if (body.mode === "inherit" && Object.keys(displayNames).length === 0 && sharedOpen === null)
      await tx.delete(doorSettings).where(where);
    return { values, displayNames, sharedOpen };
  });
  return {
    override: overrideMode({
      enabled: row.values.geofenceEnabled,
      latitude: row.values.geofenceLatitude,
      longitude: row.values.geofenceLongitude,
      radiusM: row.values.geofenceRadiusM,
      maxAccuracyM: row.values.geofenceMaxAccuracyM,
    }),
    displayNames: row.displayNames,
    sharedOpenSeconds: row.sharedOpen,
  };
}

/** The body's names as what to set and which languages to remove ("" after trimming). */
function nameChanges(input: DoorDisplayNamesInput | undefined) {
  const set: DoorDisplayNames = {};
  const removed: string[] = [];
  for (const [locale, name] of Object.entries(input ?? {})) {
    if (name === undefined) continue;
    if (name === "") removed.push(locale);
    else set[locale as keyof DoorDisplayNames] = name;
  }
  return { set, removed };
}

/** A stored key Kisi now refuses is `kisi_key_invalid`: the owner must connect a new one. */
function kisiFailure(error: unknown): never {
  throw kisiApiError(error, { authFailure: "kisi_key_invalid" });
}
