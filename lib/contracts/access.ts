import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { LOCALES } from "@/lib/i18n/locales";
import { unlockBodySchema } from "@/lib/schemas/access";
import { defineContract } from "./define";
import { RULE_REFUSALS } from "@/lib/access-rules/evaluate";
import { WEEKDAYS } from "@/lib/access-rules/schema";
import { isoInstant } from "./shared";
import { VISITOR_ROUTES } from "./visitor-routes";

const colors = z.object({ fill: z.string(), text: z.string(), border: z.string() });
const latLng = z.object({ latitude: z.number(), longitude: z.number() });

const accessView = z
  .object({
    link: z.object({
      state: z.enum(["scheduled", "active", "expired", "revoked"]),
      validFrom: isoInstant,
      validUntil: isoInstant,
      guestName: z.string(),
      locale: z.enum(LOCALES),
    }),
    studio: z.object({
      name: z.string(),
      logoUrl: z.string().nullable(),
      timeZone: z.string(),
      address: z.string().nullable(),
      supportEmail: z.string().nullable(),
      supportPhone: z.string().nullable(),
      palette: z.object({
        primary: z.string(),
        onPrimary: z.string(),
        accent: z.string(),
        onAccent: z.string(),
        primaryText: z.string(),
      }),
      states: z.object({ opened: colors, failed: colors, busy: colors, unavailable: colors }),
    }),
    geofence: z.object({
      enabled: z.boolean(),
      radiusM: z.number(),
      maxAccuracyM: z.number(),
      maxAgeS: z.number(),
      center: latLng.nullable(),
    }),
    doors: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        online: z.boolean().nullable(),
        lockedDown: z.boolean(),
        geofenced: z.boolean(),
        fence: z
          .object({ center: latLng.nullable(), radiusM: z.number(), maxAccuracyM: z.number() })
          .nullable(),
      }),
    ),
    /** Why the doors could not be read (a stable error code), or null. */
    doorsError: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).nullable(),
    doorsStale: z.boolean(),
    rules: z
      .object({
        weekly: z
          .array(
            z.object({
              day: z.enum(WEEKDAYS),
              from: z.string(),
              until: z.string(),
              nextDay: z.boolean().optional(),
            }),
          )
          .nullable(),
        openNow: z.boolean(),
        nextOpening: isoInstant.nullable(),
        refused: z.enum(RULE_REFUSALS).nullable(),
        closedToday: z.object({ label: z.string().nullable() }).nullable(),
        visitsLeft: z.number().int().nullable(),
        inVisit: z.boolean(),
        validForMinutes: z.number().int().nullable(),
        firstUsedAt: isoInstant.nullable(),
        effectiveUntil: isoInstant,
      })
      .nullable()
      .meta({ description: "Access rules beyond the window (opening hours, visits, first use)." }),
    checkedAt: isoInstant,
  })
  .meta({ id: "AccessView" });

const VISITOR_ERRORS = ["unauthorized", "not_found", "rate_limited", "kisi_unavailable"] as const;

export const getAccessView = defineContract({
  ...VISITOR_ROUTES.view,
  summary: "The guest's link, studio branding, geofence and doors",
  description:
    "The guest page's own refresh. `Authorization: Bearer <access token>`. Unknown tokens are " +
    "404 and count against the caller's address.",
  caller: { kind: "visitor" },
  success: { status: 200, schema: accessView },
  errors: [...VISITOR_ERRORS, "expired", "revoked"],
});

export const unlockDoor = defineContract({
  ...VISITOR_ROUTES.unlock,
  summary: "Open a door (a guest's tap)",
  description:
    "Same-origin only. The server decides: window, door, geofence (send the phone's fix for a " +
    "geofenced door) and limits. Every attempt is audited.",
  caller: { kind: "visitor", sameOrigin: true },
  params: z.object({ lockId: z.string() }),
  body: unlockBodySchema,
  maxBodyBytes: 4 * 1024,
  success: {
    status: 200,
    schema: z.object({
      status: z.literal("unlocked"),
      deduplicated: z.boolean(),
      /** Kisi had just opened this door for another guest of the studio: no call of its own. */
      shared: z.boolean().optional(),
    }),
  },
  errors: [
    ...VISITOR_ERRORS,
    "forbidden",
    "invalid_request",
    "validation_failed",
    "location_required",
    "location_imprecise",
    "location_stale",
    "too_far",
    "geofence_unconfigured",
    "not_yet_valid",
    "expired",
    "revoked",
    "outside_hours",
    "no_visits_left",
    "first_use_expired",
    "unknown_door",
    "door_offline",
    "locked_down",
    "unlock_unconfirmed",
  ],
});

export const unlockQueue = defineContract({
  ...VISITOR_ROUTES.queue,
  summary: "Where the guest's waiting tap on a door stands",
  description:
    "While a tap waits its turn for Kisi (a class arriving at once), the page asks this about " +
    'once a second to show "you\'re 12th, about 3 s". `queued: false` once the tap is sent, ' +
    "or when there was no wait. `Authorization: Bearer <access token>`.",
  caller: { kind: "visitor" },
  params: z.object({ lockId: z.string() }),
  success: {
    status: 200,
    schema: z
      .discriminatedUnion("queued", [
        z.object({ queued: z.literal(false) }),
        z.object({
          queued: z.literal(true),
          position: z.number().int().min(1),
          etaSeconds: z.number().int().min(0),
        }),
      ])
      .meta({ id: "UnlockQueuePosition" }),
  },
  errors: [...VISITOR_ERRORS, "invalid_request"],
});
