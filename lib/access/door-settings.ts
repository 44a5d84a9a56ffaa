import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { doorSettings } from "@/lib/db/schema";
import { storedDisplayNames } from "@/lib/studios/door-names";

type DoorSettingsRow = typeof doorSettings.$inferSelect;

/**
 * A door's overrides in the shape `resolveGeofence` takes (null fields inherit the studio's),
 * with its display names per language for `pickDoorName`.
 */
function overridesOf(row: DoorSettingsRow) {
  return {
    enabled: row.geofenceEnabled,
    latitude: row.geofenceLatitude,
    longitude: row.geofenceLongitude,
    radiusM: row.geofenceRadiusM,
    maxAccuracyM: row.geofenceMaxAccuracyM,
    displayNames: storedDisplayNames(row.displayNames),
    sharedOpenSeconds: row.sharedOpenSeconds,
  };
}

/** Every door override of a studio, by Kisi lock id (one query for the whole page). */
export async function loadStudioDoorOverrides(db: Db, studioId: string) {
  const rows = await db.select().from(doorSettings).where(eq(doorSettings.studioId, studioId));
  return new Map(rows.map((row) => [row.kisiLockId, overridesOf(row)]));
}
