import { z } from "zod";
import { EMAIL_STATUSES } from "@/lib/db/schema-core";

/** GET /api/studios/{studioId}/outbox query: an opaque cursor from the previous page, a status. */
export const listOutboxQuerySchema = z.strictObject({
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  status: z.enum(EMAIL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListOutboxQuery = z.infer<typeof listOutboxQuerySchema>;
