import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { kisiGroupDoors } from "@/lib/db/schema";
import {
  decideGeofence,
  resolveGeofence,
  type Fix,
  type GeofenceDecision,
  type GeofenceSettings,
} from "@/lib/geo/geofence";
import type { LatLng } from "@/lib/geo/distance";
import { log } from "@/lib/log/logger";
import { storedDisplayNames, type DoorDisplayNames } from "@/lib/studios/door-names";

/**
 * A door's geofence belongs to the door, not to the studio whose link opens it. Two studios of an
 * organization can reach the same Kisi door (the same group, or groups that share a lock); if
 * only one of them asks for a fence, a link of the other would open the fenced door from
 * anywhere. So every studio of the organization whose group holds the door contributes its fence
 * (its own settings with that door's override), and a tap must satisfy all of them: the
 * strictest applies, whichever studio issued the link.
 */
export type DoorFences = Map<number, GeofenceSettings[]>;
/** A studio of the organization that holds a door, with its fence there (on or off). */
export type DoorHolder = { studioId: string; studioName: string; fence: GeofenceSettings };
export type DoorFenceInfo = {
  fences: DoorFences;
  /** The link's own studio's display names of each door (from the same rows). */
  displayNames: Map<number, DoorDisplayNames>;
  /** Every studio that holds each door, fenced or not (the settings page's overlap warning). */
  holders: Map<number, DoorHolder[]>;
  /**
   * The link's own studio's shared-opening window per door (seconds; null = the deployment's
   * default), read with the fences so the unlock path pays no extra round trip for it.
   */
  sharedOpenSeconds: Map<number, number | null>;
};

type Row = {
  studio_id: string;
  studio_name: string;
  kisi_group_id: string | number | null;
  geofence_enabled: boolean;
  geofence_latitude: number | null;
  geofence_longitude: number | null;
  geofence_radius_m: number;
  geofence_max_accuracy_m: number;
  geofence_max_age_s: number;
  lock_id: string | number;
  o_enabled: boolean | null;
  o_latitude: number | null;
  o_longitude: number | null;
  o_radius_m: number | null;
  o_max_accuracy_m: number | null;
  o_display_names: unknown;
  o_shared_open_seconds: number | null;
};

/**
 * The enabled fences on each of `doors` (with its Kisi place, the default centre), from every
 * studio of the organization that holds the door: the link's own studio, studios on the link's
 * group (they hold all of its doors), and others whose group was last seen to have the door. A
 * door once seen in a group keeps counting for it (stricter, never looser). One query.
 */
export async function loadDoorFences(
  db: Db,
  input: {
    organizationId: string;
    /** The link's own studio: its fence applies to the link's doors whatever group it is on now. */
    studioId: string;
    linkGroupId: number | null;
    doors: Array<{ id: number; place: LatLng | null }>;
  },
): Promise<DoorFenceInfo> {
  const fences: DoorFences = new Map(input.doors.map((d) => [d.id, []]));
  const displayNames = new Map<number, DoorDisplayNames>();
  const holders = new Map<number, DoorHolder[]>(input.doors.map((d) => [d.id, []]));
  const sharedOpenSeconds = new Map<number, number | null>();
  if (input.doors.length === 0) return { fences, displayNames, holders, sharedOpenSeconds };
  const ids = sql.join(
    input.doors.map((d) => sql`${d.id}::bigint`),
    sql`, `,
  );
  const rows = await queryRows<Row>(
    db,
    sql`
      select s.id as studio_id, s.name as studio_name, s.kisi_group_id, s.geofence_enabled, s.geofence_latitude,
             s.geofence_longitude, s.geofence_radius_m, s.geofence_max_accuracy_m,
             s.geofence_max_age_s, d.lock_id,
             o.geofence_enabled as o_enabled, o.geofence_latitude as o_latitude,
             o.geofence_longitude as o_longitude, o.geofence_radius_m as o_radius_m,
             o.geofence_max_accuracy_m as o_max_accuracy_m, o.display_names as o_display_names,
             o.shared_open_seconds as o_shared_open_seconds
      from studios s
      cross join unnest(array[${ids}]) as d(lock_id)
      left join door_settings o on o.studio_id = s.id and o.kisi_lock_id = d.lock_id
      where s.organization_id = ${input.organizationId}
        and (
          s.id = ${input.studioId}
          or s.kisi_group_id = ${input.linkGroupId}::bigint
          or exists (
            select 1 from kisi_group_doors g
            where g.organization_id = s.organization_id
              and g.kisi_group_id = s.kisi_group_id
              and g.kisi_lock_id = d.lock_id
          )
        )`,
  );
  const places = new Map(input.doors.map((d) => [d.id, d.place]));
  for (const row of rows) {
    const lockId = Number(row.lock_id);
    if (row.studio_id === input.studioId) {
      displayNames.set(lockId, storedDisplayNames(row.o_display_names));
      sharedOpenSeconds.set(
        lockId,
        row.o_shared_open_seconds === null ? null : Number(row.o_shared_open_seconds),
      );
    }
    const fence = resolveGeofence(
      {
        enabled: row.geofence_enabled,
        latitude: row.geofence_latitude,
        longitude: row.geofence_longitude,
        radiusM: row.geofence_radius_m,
        maxAccuracyM: row.geofence_max_accuracy_m,
        maxAgeS: row.geofence_max_age_s,
      },
      {
        enabled: row.o_enabled,
        latitude: row.o_latitude,
        longitude: row.o_longitude,
        radiusM: row.o_radius_m,
        maxAccuracyM: row.o_max_accuracy_m,
      },
      places.get(lockId) ?? null,
    );
    if (fence.enabled) fences.get(lockId)?.push(fence);
    holders.get(lockId)?.push({ studioId: row.studio_id, studioName: row.studio_name, fence });
  }
  return { fences, displayNames, holders, sharedOpenSeconds };
}

/** One door this studio shares with other studios of its organization that fence it otherwise. */
export type SharedDoor = {
  lockId: number;
  /** The other studios holding the door, each with its own fence there. */
  others: DoorHolder[];
  /** What a tap on the door must satisfy whichever studio's link it is: the tightest fence. */
  effective: GeofenceSettings | null;
};

/**
 * The doors `studioId` shares with a studio whose fence on that door differs from its own (one
 * fenced and one not, another radius, centre, accuracy or age), with the fence that really
 * applies — the same rule the unlock enforces (`decideDoorFences`), shown as `strictestFence`.
 * Doors shared with identical fences are left out: nothing there would surprise anyone.
 */
export function sharedDoorWarnings(info: DoorFenceInfo, studioId: string): SharedDoor[] {
  const shared: SharedDoor[] = [];
  for (const [lockId, all] of info.holders) {
    const own = all.find((h) => h.studioId === studioId);
    const others = all.filter(
      (h) => h.studioId !== studioId && (!own || !sameFence(h.fence, own.fence)),
    );
    if (others.length === 0) continue;
    shared.push({ lockId, others, effective: strictestFence(info.fences.get(lockId) ?? []) });
  }
  return shared;
}

function sameFence(a: GeofenceSettings, b: GeofenceSettings): boolean {
  if (!a.enabled || !b.enabled) return a.enabled === b.enabled;
  return (
    a.radiusM === b.radiusM &&
    a.maxAccuracyM === b.maxAccuracyM &&
    a.maxAgeS === b.maxAgeS &&
    a.center?.latitude === b.center?.latitude &&
    a.center?.longitude === b.center?.longitude
  );
}

/** The tap against every fence on the door: the first refusal wins; allowed when none refuse. */
export function decideDoorFences(
  fences: GeofenceSettings[],
  fix: Partial<Fix> | null,
  now: Date,
): GeofenceDecision {
  let allowed: GeofenceDecision = { allowed: true, distanceM: null, accuracyM: null };
  for (const fence of fences) {
    const decision = decideGeofence(fence, fix, now);
    if (!decision.allowed) return decision;
    allowed = decision;
  }
  return allowed;
}

/** The one fence the page shows for a door: the tightest radius of those that apply. */
export function strictestFence(fences: GeofenceSettings[]): GeofenceSettings | null {
  return fences.reduce<GeofenceSettings | null>(
    (best, f) =>
      !best ||
      f.radiusM < best.radiusM ||
      (f.radiusM === best.radiusM && f.maxAccuracyM < best.maxAccuracyM)
        ? f
        : best,
    null,
  );
}

/** Remembered per process, so a group's doors are written when they change, not on every view. */
const remembered = ((
  globalThis as unknown as { latchkeyGroupDoors?: Map<string, string> }
).latchkeyGroupDoors ??= new Map());
const REMEMBER_AGAIN_MS = 3_600_000;

/**
 * Records which doors a group opens, as just seen from Kisi: what lets a studio on another group
 * that shares a door bring its fence to that door. Best effort: a failure is logged, never fails
 * the guest's page or tap (the link's own group is always known from the link itself).
 */
export async function rememberGroupDoors(
  db: Db,
  organizationId: string,
  groupId: number | null,
  lockIds: number[],
  now = Date.now(),
): Promise<void> {
  if (groupId === null || lockIds.length === 0) return;
  const key = `${organizationId}:${groupId}`;
  const value = `${[...lockIds].sort((a, b) => a - b).join(",")}@`;
  const seen = remembered.get(key);
  if (seen && seen.startsWith(value) && now - Number(seen.slice(value.length)) < REMEMBER_AGAIN_MS)
    return;
  try {
    await db
      .insert(kisiGroupDoors)
      .values(lockIds.map((kisiLockId) => ({ organizationId, kisiGroupId: groupId, kisiLockId })))
      .onConflictDoUpdate({
        target: [
          kisiGroupDoors.organizationId,
          kisiGroupDoors.kisiGroupId,
          kisiGroupDoors.kisiLockId,
        ],
        set: { seenAt: new Date(now) },
      });
    remembered.set(key, `${value}${now}`);
  } catch (error) {
    log.warn("could not record a group's doors", { organizationId, groupId, error });
  }
}
