import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

const MAX_WINDOW_DAYS = 366;

/** POST /api/studios/{studioId}/links body (and the dashboard's issue form). */
export const createLinkBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254).optional(),
    locale: z.enum(LOCALES).optional(),
    validFrom: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
    validUntil: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
    sendEmail: z.boolean().optional(),
  })
  .refine((b) => b.validUntil > b.validFrom, {
    message: "must be after validFrom",
    path: ["validUntil"],
  })
  .refine((b) => b.validUntil.getTime() > Date.now(), {
    message: "must be in the future",
    path: ["validUntil"],
  })
  .refine((b) => b.validUntil.getTime() - b.validFrom.getTime() <= MAX_WINDOW_DAYS * 86_400_000, {
    message: `a link may last at most ${MAX_WINDOW_DAYS} days`,
    path: ["validUntil"],
  });

/** The `Idempotency-Key` header: printable, bounded (IETF draft; Stripe keeps ≤ 255). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "must be 1–255 printable ASCII characters");

export const LINK_STATE_FILTERS = ["scheduled", "active", "expired", "revoked", "pending"] as const;

/** GET /api/studios/{studioId}/links query. */
export const listLinksQuerySchema = z.strictObject({
  state: z.enum(LINK_STATE_FILTERS).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListLinksQuery = z.infer<typeof listLinksQuerySchema>;
