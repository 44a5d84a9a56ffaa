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
