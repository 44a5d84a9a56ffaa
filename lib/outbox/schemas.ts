import { z } from "zod";
import { EMAIL_STATUSES } from "@/lib/schemas/email-status";

/** The outbox statuses (the filter of the Emails tab): every status an email can have. */
export const OUTBOX_STATUSES = EMAIL_STATUSES;

/** GET /api/studios/{studioId}/outbox query: an opaque cursor from the previous page, a status. */
export const listOutboxQuerySchema = z.strictObject({
  // Decoded (or refused with 400 invalid_request) by the shared codec, lib/pagination/cursor.ts.
  cursor: z.string().optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListOutboxQuery = z.infer<typeof listOutboxQuerySchema>;
