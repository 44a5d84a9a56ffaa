import { z } from "zod";

/**
 * Audit retention choices, in months; null keeps everything (the default). Here without drizzle,
 * so the settings control can use them. 13 months keeps a full year plus the month before it,
 * for year-on-year comparisons.
 */
export const AUDIT_RETENTION_MONTHS = [3, 6, 12, 13, 24, 36, 60, 120] as const;

/** PUT /api/studios/{studioId}/audit-retention body. */
export const auditRetentionBodySchema = z.strictObject({
  months: z.union([
    z.null(),
    z
      .number()
      .int()
      .refine((m) => (AUDIT_RETENTION_MONTHS as readonly number[]).includes(m), {
        message: `one of ${AUDIT_RETENTION_MONTHS.join(", ")}, or null to keep everything`,
      }),
  ]),
});
