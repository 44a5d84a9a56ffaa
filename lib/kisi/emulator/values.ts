export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Path ids are integers; anything else cannot name a record, so callers answer 404. */
export function parsePathId(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Accepts ISO 8601 date-times (what Kisi's spec declares as `format: date-time`) and returns
 * them normalized to UTC with milliseconds, like Rails' JSON encoding of times.
 */
export function parseDateTime(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

// Kisi measures its geofence as Latchkey does: one haversine for both.
export { distanceMeters } from "@/lib/geo/distance";
