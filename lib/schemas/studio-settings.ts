import { z } from "zod";
import { hexColorSchema } from "@/lib/brand/hex-color";
import { LOCALES } from "@/lib/i18n/locales";
import {
  geofenceAccuracy,
  geofenceRadius,
  latitudeSchema,
  longitudeSchema,
  sharedOpenSeconds as sharedOpenSecondsSchema,
  studioAddress,
} from "./studios";
import { optionalLine, singleLineText } from "./text";

/**
 * POST /api/studios/{studioId}/email-preview body: the DRAFT branding of the settings form.
 * Nothing is saved; omitted fields fall back to the studio's saved values.
 */
export const emailPreviewBodySchema = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  name: singleLineText({ min: 1, max: 120 }).optional(),
  primaryColor: hexColorSchema,
  accentColor: hexColorSchema,
  senderName: optionalLine(80),
  replyTo: z.email().max(254).nullable().optional(),
  supportEmail: z.email().max(254).nullable().optional(),
  supportPhone: optionalLine(40),
  address: studioAddress,
});
export type EmailPreviewBody = z.infer<typeof emailPreviewBodySchema>;

const lockId = z.number().int().positive();

export const DOOR_NAME_MAX = 60;

/**
 * One display name: a door name is one line on a button, in an email and in a text email, so
 * the one-line text rules apply (controls, line breaks and bidi overrides refused before
 * trimming, so "\tFront" is refused, not fixed).
 */
const doorDisplayName = singleLineText({ max: DOOR_NAME_MAX });

/**
 * A door's display names by language: a name sets that language, "" (or only spaces) removes
 * it, a language left out keeps what is stored. Only Latchkey's six languages are accepted.
 */
export const doorDisplayNamesSchema = z.strictObject(
  Object.fromEntries(LOCALES.map((l) => [l, doorDisplayName.optional()])) as Record<
    (typeof LOCALES)[number],
    z.ZodOptional<typeof doorDisplayName>
  >,
);
export type DoorDisplayNamesInput = z.infer<typeof doorDisplayNamesSchema>;
const displayNames = doorDisplayNamesSchema.optional();
/** Left out: kept as stored; null: the deployment's default; a number: this door's own. */
const sharedOpenSeconds = sharedOpenSecondsSchema.nullable().optional();
const latitude = latitudeSchema.nullable();
const longitude = longitudeSchema.nullable();

/**
 * PUT /api/studios/{studioId}/doors body: one door's geofence override. `inherit` follows the
 * studio's geofence, `off` opens without a location, `custom` fences the door with its own
 * radius (and optionally its own centre and accuracy; null = the studio's). `displayNames`
 * (optional) changes the door's names per language beside it, `sharedOpenSeconds` (optional)
 * its shared-opening window.
 */
export const doorOverrideBodySchema = z.discriminatedUnion("mode", [
  z.strictObject({ lockId, mode: z.literal("inherit"), displayNames, sharedOpenSeconds }),
  z.strictObject({ lockId, mode: z.literal("off"), displayNames, sharedOpenSeconds }),
  z
    .strictObject({
      lockId,
      mode: z.literal("custom"),
      displayNames,
      sharedOpenSeconds,
      radiusM: geofenceRadius,
      maxAccuracyM: geofenceAccuracy.nullable().optional(),
      latitude: latitude.optional(),
      longitude: longitude.optional(),
    })
    .refine((d) => (d.latitude ?? null) === null || (d.longitude ?? null) !== null, {
      message: "coordinatesTogether",
      path: ["longitude"],
    })
    .refine((d) => (d.longitude ?? null) === null || (d.latitude ?? null) !== null, {
      message: "coordinatesTogether",
      path: ["latitude"],
    }),
]);
export type DoorOverrideBody = z.infer<typeof doorOverrideBodySchema>;
