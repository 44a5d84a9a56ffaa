import { z } from "zod";
import { KISI_CONNECTION_ROLES, STUDIO_MANAGERS, STUDIO_STAFF } from "@/lib/auth/permissions";
import { LOCALES } from "@/lib/i18n/locales";
import { KISI_KEY_STATUSES } from "@/lib/schemas/kisi-key-status";
import {
  createStudioBodySchema,
  kisiKeyBodySchema,
  MAX_LOGO_BYTES,
  updateStudioBodySchema,
} from "@/lib/schemas/studios";
import { doorOverrideBodySchema, emailPreviewBodySchema } from "@/lib/schemas/studio-settings";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, studioParams } from "./shared";

/**
 * The studio's settings (dashboard only: a booking system's token answers 403 to all of them).
 * Reading is for all staff, changing for managers, the Kisi connection for owners.
 */
const staff = { kind: "studio", roles: STUDIO_STAFF } as const;
const managers = { kind: "studio", roles: STUDIO_MANAGERS } as const;
const kisiOwners = { kind: "studio", roles: KISI_CONNECTION_ROLES } as const;

/** A Kisi failure the settings can meet: a refused stored key, or Kisi out of reach. */
const KISI_ERRORS = ["studio_not_ready", "kisi_key_invalid", "kisi_unavailable"] as const;

const latLng = z.object({ latitude: z.number(), longitude: z.number() });

const studioSettings = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    defaultLocale: z.string(),
    durations: z.object({ classMinutes: z.number().int(), weekDays: z.number().int() }),
    kisi: z.object({
      connected: z.boolean(),
      keyLast4: z.string().nullable().meta({ description: "The key itself never comes back." }),
      keyStatus: z.enum(KISI_KEY_STATUSES).nullable(),
      verifiedAt: isoInstant.nullable(),
      groupId: z.number().int().nullable(),
      placeId: z.number().int().nullable(),
    }),
    branding: z.object({
      logoUrl: z.string().nullable(),
      primaryColor: z.string(),
      accentColor: z.string(),
      senderName: z.string().nullable(),
      replyTo: z.string().nullable(),
      supportEmail: z.string().nullable(),
      supportPhone: z.string().nullable(),
      address: z.string().nullable(),
      palette: z
        .object({
          primary: z.string(),
          onPrimary: z.string(),
          accent: z.string(),
          onAccent: z.string(),
          primaryText: z.string(),
        })
        .meta({ description: "What guests actually see: each fill with readable text." }),
      contrast: z.object({ primary: z.number(), accent: z.number(), textOnPage: z.number() }),
    }),
    geofence: z.object({
      enabled: z.boolean(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      radiusM: z.number(),
      maxAccuracyM: z.number(),
      maxAgeS: z.number(),
    }),
  })
  .meta({ id: "StudioSettings" });

const kisiGroup = z.object({
  id: z.number().int(),
  name: z.string(),
  placeId: z.number().int().nullable(),
});

const doorOverride = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("inherit") }),
  z.object({ mode: z.literal("off") }),
  z.object({
    mode: z.literal("custom"),
    radiusM: z.number().nullable(),
    maxAccuracyM: z.number().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
  }),
]);
const displayNames = z.partialRecord(z.enum(LOCALES), z.string());
const fence = z.object({
  enabled: z.boolean(),
  radiusM: z.number(),
  maxAccuracyM: z.number(),
  maxAgeS: z.number(),
  center: latLng.nullable(),
});

export const getStudio = defineContract({
  id: "studios.get",
  method: "GET",
  path: "/api/studios/{studioId}",
  summary: "The studio's settings, branding with its contrast, and geofence",
  caller: staff,
  params: studioParams,
  success: { status: 200, schema: studioSettings },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const updateStudio = defineContract({
  id: "studios.update",
  method: "PATCH",
  path: "/api/studios/{studioId}",
  summary: "Change settings (the Kisi group only owners: it decides the doors guests get)",
  caller: managers,
  params: studioParams,
  body: updateStudioBodySchema,
  success: { status: 200, schema: studioSettings },
  errors: [...STUDIO_ERRORS, "validation_failed", ...KISI_ERRORS],
  internal: true,
});

export const createStudio = defineContract({
  id: "studios.create",
  method: "POST",
  path: "/api/studios",
  summary: "An owner adds a studio to their organization",
  description: "`organizationId` only when the owner owns several organizations.",
  caller: { kind: "signed-in" },
  body: createStudioBodySchema,
  success: { status: 201, schema: studioSettings },
  errors: [...STUDIO_ERRORS, "validation_failed"],
  internal: true,
});

export const connectKisiKey = defineContract({
  id: "studios.connectKisiKey",
  method: "PUT",
  path: "/api/studios/{studioId}/kisi-key",
  summary: "Connect or replace the Kisi API key (verified with Kisi first; write-only)",
  caller: kisiOwners,
  params: studioParams,
  body: kisiKeyBodySchema,
  success: {
    status: 200,
    schema: z.object({ keyLast4: z.string(), groups: z.array(kisiGroup) }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed", "kisi_key_rejected", "kisi_unavailable"],
  internal: true,
});

export const listKisiGroups = defineContract({
  id: "studios.kisiGroups",
  method: "GET",
  path: "/api/studios/{studioId}/kisi-groups",
  summary: "The Kisi groups the studio's key sees, to pick one",
  caller: managers,
  params: studioParams,
  success: { status: 200, schema: z.object({ groups: z.array(kisiGroup) }) },
  errors: [...STUDIO_ERRORS, ...KISI_ERRORS],
  internal: true,
});

export const listDoors = defineContract({
  id: "studios.doors",
  method: "GET",
  path: "/api/studios/{studioId}/doors",
  summary: "The doors of the studio's Kisi group with their overrides and display names",
  description:
    "With the Kisi place's coordinates, and the doors another studio of the organization " +
    "fences otherwise (`sharedDoors`, with the fence every tap must meet).",
  caller: managers,
  params: studioParams,
  success: {
    status: 200,
    schema: z.object({
      doors: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          override: doorOverride,
          displayNames,
          sharedOpenSeconds: z.number().int().nullable().meta({
            description: "This door's shared-opening window; null: `sharedOpenDefault`.",
          }),
        }),
      ),
      sharedOpenDefault: z.number().int().meta({
        description: "The deployment's shared-opening window in seconds (0 = off).",
      }),
      place: z.object({ name: z.string(), latitude: z.number(), longitude: z.number() }).nullable(),
      sharedDoors: z.array(
        z.object({
          lockId: z.number().int(),
          name: z.string(),
          others: z.array(z.object({ id: z.string(), name: z.string(), fence })),
          effective: fence.nullable(),
        }),
      ),
    }),
  },
  errors: [...STUDIO_ERRORS, ...KISI_ERRORS],
  internal: true,
});

export const setDoor = defineContract({
  id: "studios.setDoor",
  method: "PUT",
  path: "/api/studios/{studioId}/doors",
  summary: "One door's geofence override and, optionally, its display names",
  caller: managers,
  params: studioParams,
  body: doorOverrideBodySchema,
  success: {
    status: 200,
    schema: z.object({
      lockId: z.number().int(),
      override: doorOverride,
      displayNames,
      sharedOpenSeconds: z.number().int().nullable(),
    }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed", ...KISI_ERRORS],
  internal: true,
});

export const uploadLogo = defineContract({
  id: "studios.uploadLogo",
  method: "PUT",
  path: "/api/studios/{studioId}/logo",
  summary: "Upload the studio's logo: the image bytes as the body",
  description: "PNG, JPEG or WebP, judged from the bytes (not the Content-Type); no SVG.",
  caller: managers,
  params: studioParams,
  binaryBody: { media: "application/octet-stream", maxBytes: MAX_LOGO_BYTES },
  success: { status: 200, schema: z.object({ logoUrl: z.string() }) },
  errors: [...STUDIO_ERRORS, "invalid_request", "payload_too_large", "unsupported_media_type"],
  internal: true,
});

export const removeLogo = defineContract({
  id: "studios.removeLogo",
  method: "DELETE",
  path: "/api/studios/{studioId}/logo",
  summary: "Back to the studio's initial",
  caller: managers,
  params: studioParams,
  success: { status: 200, schema: z.object({ logoUrl: z.null() }) },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const emailPreview = defineContract({
  id: "studios.emailPreview",
  method: "POST",
  path: "/api/studios/{studioId}/email-preview",
  summary: "The guest email in the draft branding of the body (nothing is saved)",
  caller: managers,
  params: studioParams,
  body: emailPreviewBodySchema,
  success: {
    status: 200,
    schema: z.object({ html: z.string(), senderName: z.string(), replyTo: z.string().nullable() }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed"],
  internal: true,
});

export const studioLogo = defineContract({
  id: "studios.logo",
  method: "GET",
  path: "/api/studio-logos/{studioId}",
  summary: "A studio's logo, with its sniffed type only",
  description:
    "Public: guest pages and emails show it. An unknown studio, or one without a logo, is a " +
    "404 without a body.",
  caller: { kind: "public", why: "public studio logo: images only, guest pages and emails" },
  params: studioParams,
  success: { status: 200, media: "image/*" },
  errors: ["not_found"],
  internal: true,
});
