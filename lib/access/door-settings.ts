import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { doorSettings } from "@/lib/db/schema";

/** A door's geofence overrides, or null when the studio's settings apply unchanged. */
export async function loadDoorOverrides(db: Db, studioId: string, kisiLockId: number) {
  const [row] = await db
    .select()
    .from(doorSettings)
    .where(and(eq(doorSettings.studioId, studioId), eq(doorSettings.kisiLockId, kisiLockId)));
  if (!row) return null;
  return {
    enabled: row.geofenceEnabled,
    latitude: row.geofenceLatitude,
    longitude: row.geofenceLongitude,
    radiusM: row.geofenceRadiusM,
    maxAccuracyM: row.geofenceMaxAccuracyM,
  };
}

/** Every door override of a studio, by Kisi lock id (one query for the whole page). */
export async function loadStudioDoorOverrides(db: Db, studioId: string) {
  const rows = await db.select().from(doorSettings).where(eq(doorSettings.studioId, studioId));
  return new Map(
    rows.map((row) => [
      row.kisiLockId,
      {
        enabled: row.geofenceEnabled,
        latitude: row.geofenceLatitude,
        longitude: row.geofenceLongitude,
        radiusM: row.geofenceRadiusM,
        maxAccuracyM: row.geofenceMaxAccuracyM,
      },
    ]),
  );
}
