import { z } from "zod";
import type { EMAIL_STATUSES } from "@/lib/db/schema-core";

/** The outbox statuses, here without drizzle so the dashboard's client bundle can use them. */
export const OUTBOX_STATUSES = [
  "pending",
  "sending",
  "sent",
  "captured",
  "failed",
  "dead",
] as const satisfies readonly (typeof EMAIL_STATUSES)[number][];

/** GET /api/studios/{studioId}/outbox query: an opaque cursor from the previous page, a status. */
export const listOutboxQuerySchema = z.strictObject({
  // Decoded (or refused with 400 invalid_request) by the shared codec, lib/pagination/cursor.ts.
  cursor: z.string().optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListOutboxQuery = z.infer<typeof listOutboxQuerySchema>;
