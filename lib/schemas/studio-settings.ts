import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "hexColor");
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * POST /api/studios/{studioId}/email-preview body: the DRAFT branding of the settings form.
 * Nothing is saved; omitted fields fall back to the studio's saved values.
 */
export const emailPreviewBodySchema = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  name: z.string().trim().min(1).max(120).optional(),
  primaryColor: hexColor,
  accentColor: hexColor,
  senderName: optionalText(80),
  replyTo: z.email().max(254).nullable().optional(),
  supportEmail: z.email().max(254).nullable().optional(),
  supportPhone: optionalText(40),
  address: optionalText(300),
});
export type EmailPreviewBody = z.infer<typeof emailPreviewBodySchema>;

const lockId = z.number().int().positive();

/**
 * C0 and C1 controls (NUL, tab, CR, LF, DEL …), Unicode line and paragraph separators, and the
 * bidirectional overrides: a door name is one line on a button, in an email and in a text
 * email, and none of these belongs there (a line break would forge lines in the text email, a
 * bidi override can make a name read as another).
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
export const DOOR_NAME_MAX = 60;

/** One display name: checked for controls before trimming, so "\tFront" is refused, not fixed. */
const doorDisplayName = z
  .string()
  .refine((v) => !CONTROL_CHARACTERS.test(v), "controlCharacters")
  .trim()
  .max(DOOR_NAME_MAX);

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
const latitude = z.number().min(-90).max(90).nullable();
const longitude = z.number().min(-180).max(180).nullable();

/**
 * PUT /api/studios/{studioId}/doors body: one door's geofence override. `inherit` follows the
 * studio's geofence, `off` opens without a location, `custom` fences the door with its own
 * radius (and optionally its own centre and accuracy; null = the studio's). `displayNames`
 * (optional) changes the door's names per language beside it.
 */
export const doorOverrideBodySchema = z.discriminatedUnion("mode", [
  z.strictObject({ lockId, mode: z.literal("inherit"), displayNames }),
  z.strictObject({ lockId, mode: z.literal("off"), displayNames }),
  z
    .strictObject({
      lockId,
      mode: z.literal("custom"),
      displayNames,
      radiusM: z.number().int().min(10).max(5_000),
      maxAccuracyM: z.number().int().min(10).max(1_000).nullable().optional(),
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
