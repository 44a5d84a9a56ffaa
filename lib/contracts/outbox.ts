import { z } from "zod";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { listOutboxQuerySchema } from "@/lib/outbox/schemas";
import { EMAIL_STATUSES } from "@/lib/schemas/email-status";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, studioParams } from "./shared";

const staff = { kind: "studio", roles: STUDIO_STAFF } as const;

const emailSummary = z.object({
  id: z.uuid(),
  kind: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  status: z.enum(EMAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoInstant.nullable(),
  sentAt: isoInstant.nullable(),
  createdAt: isoInstant,
  link: z.object({ id: z.uuid(), guestName: z.string() }).nullable(),
  canResend: z.boolean(),
});

export const listOutbox = defineContract({
  id: "outbox.list",
  method: "GET",
  path: "/api/studios/{studioId}/outbox",
  summary: "The studio's emails, newest first (no bodies)",
  caller: staff,
  params: studioParams,
  query: listOutboxQuerySchema,
  success: {
    status: 200,
    schema: z.object({ items: z.array(emailSummary), nextCursor: z.string().nullable() }),
  },
  errors: [...STUDIO_ERRORS, "invalid_request", "validation_failed"],
  internal: true,
});

export const readOutboxEmail = defineContract({
  id: "outbox.read",
  method: "GET",
  path: "/api/studios/{studioId}/outbox/{emailId}",
  summary: "One email with its HTML and text, composed again to read",
  caller: staff,
  params: z.object({ studioId: z.string(), emailId: z.string() }),
  success: {
    status: 200,
    schema: emailSummary.extend({
      content: z.object({ subject: z.string(), html: z.string(), text: z.string() }).nullable(),
    }),
  },
  errors: [...STUDIO_ERRORS, "link_unreadable"],
  internal: true,
});
