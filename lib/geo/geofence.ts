import { distanceMeters, type LatLng } from "./distance";

/**
 * The geofence rule of docs/product-rules.md, decided on the server for every unlock. The browser's own
 * check is only for the interface; coordinates are client-controlled, so this is a deterrent
 * (short windows, rate limits and the audit trail are the real controls).
 */
export type GeofenceSettings = {
  enabled: boolean;
  center: LatLng | null;
  radiusM: number;
  maxAccuracyM: number;
  maxAgeS: number;
};

export type Fix = LatLng & { accuracy?: number; capturedAt?: string | number };

export type GeofenceDecision =
  | { allowed: true; distanceM: number | null; accuracyM: number | null }
  | {
      allowed: false;
      code:
        | "location_required"
        | "location_imprecise"
        | "location_stale"
        | "too_far"
        | "geofence_unconfigured";
      distanceM: number | null;
      accuracyM: number | null;
    };

/** Positions may be stamped slightly ahead of the server clock; beyond this they are not trusted. */
const MAX_CLOCK_SKEW_MS = 30_000;

export function decideGeofence(
  settings: GeofenceSettings,
  fix: Partial<Fix> | null,
  now: Date,
): GeofenceDecision {
  if (!settings.enabled) return { allowed: true, distanceM: null, accuracyM: null };
  // Non-finite numbers fail closed: NaN compares false against every limit, so a NaN distance
  // or accuracy would otherwise pass the radius and accuracy checks below.
  const accuracyM = Number.isFinite(fix?.accuracy) ? (fix!.accuracy as number) : null;
  if (!fix || !Number.isFinite(fix.latitude) || !Number.isFinite(fix.longitude)) {
    return { allowed: false, code: "location_required", distanceM: null, accuracyM };
  }
  // Fail closed: a fence without a centre cannot be satisfied (a studio misconfiguration).
  if (!settings.center)
    return { allowed: false, code: "geofence_unconfigured", distanceM: null, accuracyM };
  const distanceM = distanceMeters(fix as LatLng, settings.center);
  if (accuracyM === null || accuracyM > settings.maxAccuracyM) {
    return { allowed: false, code: "location_imprecise", distanceM, accuracyM };
  }
  const capturedAt = fix.capturedAt === undefined ? Number.NaN : new Date(fix.capturedAt).getTime();
  const ageMs = now.getTime() - capturedAt;
  if (!Number.isFinite(ageMs) || ageMs > settings.maxAgeS * 1000 || ageMs < -MAX_CLOCK_SKEW_MS) {
    return { allowed: false, code: "location_stale", distanceM, accuracyM };
  }
  if (distanceM > settings.radiusM)
    return { allowed: false, code: "too_far", distanceM, accuracyM };
  return { allowed: true, distanceM, accuracyM };
}

/** Studio settings, a door's overrides (null = inherit) and the Kisi place's coordinates. */
export function resolveGeofence(
  studio: {
    enabled: boolean;
    latitude: number | null;
    longitude: number | null;
    radiusM: number;
    maxAccuracyM: number;
    maxAgeS: number;
  },
  door: {
    enabled: boolean | null;
    latitude: number | null;
    longitude: number | null;
    radiusM: number | null;
    maxAccuracyM: number | null;
  } | null,
  place: LatLng | null,
): GeofenceSettings {
  const lat = door?.latitude ?? studio.latitude;
  const lng = door?.longitude ?? studio.longitude;
  return {
    enabled: door?.enabled ?? studio.enabled,
    center: lat !== null && lng !== null ? { latitude: lat, longitude: lng } : place,
    radiusM: door?.radiusM ?? studio.radiusM,
    maxAccuracyM: door?.maxAccuracyM ?? studio.maxAccuracyM,
    maxAgeS: studio.maxAgeS,
  };
}

/** A studio row's own geofence settings, in the shape `resolveGeofence` and the API use. */
export function studioGeofence(studio: {
  geofenceEnabled: boolean;
  geofenceLatitude: number | null;
  geofenceLongitude: number | null;
  geofenceRadiusM: number;
  geofenceMaxAccuracyM: number;
  geofenceMaxAgeS: number;
}) {
  return {
    enabled: studio.geofenceEnabled,
    latitude: studio.geofenceLatitude,
    longitude: studio.geofenceLongitude,
    radiusM: studio.geofenceRadiusM,
    maxAccuracyM: studio.geofenceMaxAccuracyM,
    maxAgeS: studio.geofenceMaxAgeS,
  };
}
