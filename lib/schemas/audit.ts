import { z } from "zod";

export const AUDIT_OUTCOME_FILTERS = ["allowed", "denied"] as const;

/**
 * GET …/activity and …/links/{linkId}/audit query. The cursor is opaque here; the server decodes
 * and range-checks it (lib/pagination/cursor.ts) and answers a bad one 400.
 */
export const auditQuerySchema = z.strictObject({
  cursor: z.string().optional(),
  outcome: z.enum(AUDIT_OUTCOME_FILTERS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
