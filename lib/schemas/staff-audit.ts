import { z } from "zod";

/** What a staff change touched: the filter on the audit page. */
export const STAFF_CHANGE_KINDS = [
  "studio",
  "settings",
  "kisi_key",
  "kisi_group",
  "geofence",
  "door",
  "team",
  "api_token",
  "webhook",
  "brand_template",
  "pass_type",
] as const;
export type StaffChangeKind = (typeof STAFF_CHANGE_KINDS)[number];

/** GET …/staff-audit query: filter by kind and person, keyset-paged (the cursor opaque here). */
export const staffAuditQuerySchema = z.strictObject({
  cursor: z.string().optional(),
  kind: z.enum(STAFF_CHANGE_KINDS).optional(),
  actor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type StaffAuditQuery = z.infer<typeof staffAuditQuerySchema>;
