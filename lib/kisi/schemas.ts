import { z } from "zod";

/**
 * Kisi response and request shapes (docs/kisi-api.md, with its sources). Responses are validated:
 * a body that does not match is a `malformed` failure, never a success. Only the fields
 * Latchkey relies on are required, so an added field on Kisi's side breaks nothing.
 */

const isoDate = z.iso.datetime({ offset: true });
const nullableNumber = z.number().nullable();

/** The `{"code","error"}` body of 400/401/403/404/409/429/503. */
export const kisiErrorBodySchema = z.object({ code: z.string(), error: z.string() });
/** The 422 body: `{"errors":{"field":["message"]}}`. */
export const kisiValidationBodySchema = z.object({
  errors: z.record(z.string(), z.array(z.string())),
});

// POST /group_links request body. No `email`: Latchkey sends its own branded email, and a Kisi
// email would hand the guest the raw Kisi secret (docs/product-rules.md rule 1). The type makes it impossible.
export type CreateGroupLinkBody = {
  group_link: {
    name: string;
    group_id: number;
    valid_from: string;
    valid_until: string;
    link_enabled: true;
  };
};

// GET /group_links item (never carries `secret`).
export const groupLinkSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  link_enabled: z.boolean(),
  valid_from: isoDate.nullable(),
  valid_until: isoDate.nullable(),
  group_id: z.number().int(),
  last_used_at: isoDate.nullable().optional(),
  created_at: isoDate,
});
export type KisiGroupLink = z.infer<typeof groupLinkSchema>;

// POST /group_links response (200, not 201): the only time Kisi returns the secret.
export const createdGroupLinkSchema = groupLinkSchema.extend({ secret: z.string().min(1) });
export type KisiCreatedGroupLink = z.infer<typeof createdGroupLinkSchema>;

const lockPlaceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  latitude: nullableNumber,
  longitude: nullableNumber,
});

// GET /locks item with KISI-GROUP-LINK auth: the documented subset (no coordinates of its own).
export const linkLockSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  configured: z.boolean(),
  online: z.boolean().nullable(),
  unlocked: z.boolean(),
  locked_down: z.boolean(),
  place_id: z.number().int(),
  place: lockPlaceSchema,
});
export type KisiLinkLock = z.infer<typeof linkLockSchema>;

// GET /locks item with KISI-LOGIN auth: the full lock.
export const lockSchema = linkLockSchema.extend({
  resource_type: z.literal("Lock"),
  latitude: nullableNumber,
  longitude: nullableNumber,
  geofence_restriction_enabled: z.boolean().nullable(),
  geofence_restriction_radius: z.number().nullable(),
});
export type KisiLock = z.infer<typeof lockSchema>;

// POST /locks/{id}/unlock request body.
export type UnlockBody = {
  context?: { location: { latitude: number; longitude: number } };
};
// POST /locks/{id}/unlock 200: the spec fixes the message to this literal.
export const unlockResponseSchema = z.object({ message: z.literal("Unlocked!") });

// GET /places/{id} (both the full place and the group-link subset carry these).
export const placeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string().nullable(),
  latitude: nullableNumber,
  longitude: nullableNumber,
  time_zone: z.string().nullable(),
});
export type KisiPlace = z.infer<typeof placeSchema>;

// GET /groups item.
export const groupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  place_id: z.number().int().nullable(),
  locks_count: z.number().int().optional(),
});
export type KisiGroup = z.infer<typeof groupSchema>;

// GET /group_locks item.
export const groupLockSchema = z.object({
  id: z.number().int(),
  group_id: z.number().int(),
  lock_id: z.number().int(),
  lock: z.object({ id: z.number().int(), name: z.string(), description: z.string().nullable() }),
  place_id: z.number().int().nullable(),
});
export type KisiGroupLock = z.infer<typeof groupLockSchema>;
