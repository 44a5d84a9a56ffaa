import { z } from "zod";
import { hexColorSchema } from "@/lib/brand/hex-color";
import { LOCALES } from "@/lib/i18n/locales";
import { multiLineText, optionalLine, singleLineText } from "./text";

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Bounds of a studio's "this class" link duration, in minutes (a quarter hour to 12 hours). */
export const CLASS_MINUTES = { min: 15, max: 720, default: 90 } as const;

/**
 * A geofence's bounds, for the studio's fence and a door's own: a radius from 10 m (about a
 * doorway, still above a phone's best fix) to 5 km, an accepted fix accuracy up to 1 km, and a
 * fix at most 10 minutes old. One place, so the server and the settings forms agree.
 */
export const GEOFENCE_LIMITS = {
  radiusM: { min: 10, max: 5_000 },
  maxAccuracyM: { min: 10, max: 1_000 },
  maxAgeS: { min: 10, max: 600 },
} as const;

/**
 * A door Kisi opened for one guest counts as open for the studio's next guests this long (no
 * Kisi call of their own); 0 = every tap asks Kisi. Per door, or the deployment's default.
 */
export const SHARED_OPEN_LIMITS = { min: 0, max: 30 } as const;
export const sharedOpenSeconds = z
  .number()
  .int()
  .min(SHARED_OPEN_LIMITS.min)
  .max(SHARED_OPEN_LIMITS.max);

const bounded = (limits: { min: number; max: number }) =>
  z.number().int().min(limits.min).max(limits.max);
export const geofenceRadius = bounded(GEOFENCE_LIMITS.radiusM);
export const geofenceAccuracy = bounded(GEOFENCE_LIMITS.maxAccuracyM);
export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);

const timeZone = z.string().refine(isTimeZone, "timeZone");
const studioName = singleLineText({ min: 1, max: 120 });

/**
 * The studio's postal address: several lines are fine (the settings form is a textarea; the email
 * shows them as lines, the .ics escapes them), any other control character is not.
 */
export const studioAddress = multiLineText({ max: 300 }).nullable().optional();

/** POST /api/studios body. */
export const createStudioBodySchema = z.strictObject({
  name: studioName,
  timeZone,
  defaultLocale: z.enum(LOCALES).default("en"),
  organizationId: z.uuid().optional(),
});

/** PATCH /api/studios/{studioId} body: any subset of the settings. */
export const updateStudioBodySchema = z.strictObject({
  name: studioName.optional(),
  timeZone: timeZone.optional(),
  defaultLocale: z.enum(LOCALES).optional(),
  kisiGroupId: z.number().int().positive().optional(),
  /** Length of the issue form's "this class" preset. */
  classMinutes: z.number().int().min(CLASS_MINUTES.min).max(CLASS_MINUTES.max).optional(),
  branding: z
    .strictObject({
      primaryColor: hexColorSchema.optional(),
      accentColor: hexColorSchema.optional(),
      senderName: optionalLine(80),
      replyTo: z.email().max(254).nullable().optional(),
      supportEmail: z.email().max(254).nullable().optional(),
      supportPhone: optionalLine(40),
      address: studioAddress,
    })
    .optional(),
  geofence: z
    .strictObject({
      enabled: z.boolean().optional(),
      latitude: latitudeSchema.nullable().optional(),
      longitude: longitudeSchema.nullable().optional(),
      radiusM: geofenceRadius.optional(),
      maxAccuracyM: geofenceAccuracy.optional(),
      maxAgeS: bounded(GEOFENCE_LIMITS.maxAgeS).optional(),
    })
    .refine((g) => (g.latitude === undefined) === (g.longitude === undefined), {
      message: "coordinatesTogether",
      path: ["longitude"],
    })
    .optional(),
});
export type UpdateStudioBody = z.infer<typeof updateStudioBodySchema>;

/** The largest logo upload, bytes (PUT /api/studios/{studioId}/logo). */
export const MAX_LOGO_BYTES = 512 * 1024;

/** PUT /api/studios/{studioId}/kisi-key body. */
export const kisiKeyBodySchema = z.strictObject({ apiKey: singleLineText({ min: 8, max: 200 }) });
