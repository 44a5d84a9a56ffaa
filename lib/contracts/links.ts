import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { EMAIL_STATUSES } from "@/lib/schemas/email-status";
import { AUDIT_OUTCOME_FILTERS, auditQuerySchema } from "@/lib/schemas/audit";
import {
  bulkLinkActionBodySchema,
  changeWindowBodySchema,
  createLinkBodySchema,
  idempotencyKeySchema,
  listLinksQuerySchema,
} from "@/lib/schemas/links";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { LINK_LIST_STATES } from "@/lib/links/state-actions";
import { defineContract } from "./define";
import { linkRulesSchema } from "@/lib/access-rules/schema";
import { ruleUsageSchema } from "./access-rules";
import { STUDIO_ERRORS, isoInstant, linkParams, staffOrToken, studioParams } from "./shared";

const linkState = z.enum(LINK_LIST_STATES).meta({
  description:
    "`pending`: Kisi has not confirmed the link yet (it is retried or reconciled on its own).",
});

const linkSummary = z
  .object({
    id: z.uuid(),
    guestName: z.string(),
    guestEmail: z.string().nullable(),
    externalRef: z.string().nullable(),
    locale: z.enum(LOCALES),
    state: linkState,
    validFrom: isoInstant,
    validUntil: isoInstant,
    createdAt: isoInstant,
    email: z
      .object({ status: z.enum(EMAIL_STATUSES), lastError: z.string().nullable() })
      .nullable(),
    lastUnlockAt: isoInstant.nullable(),
    access: ruleUsageSchema,
    readable: z.boolean().meta({
      description: "False when the link's stored token cannot be read (an encryption key is gone).",
    }),
  })
  .meta({ id: "LinkSummary" });

const auditEntry = z
  .object({
    id: z.uuid(),
    at: isoInstant,
    linkId: z.uuid().nullable(),
    guestName: z.string().nullable(),
    lockId: z.number().int().nullable(),
    doorName: z.string().nullable(),
    outcome: z.string(),
    allowed: z.boolean(),
    distanceM: z.number().nullable(),
    accuracyM: z.number().nullable(),
  })
  .meta({ id: "UnlockAttempt" });

export const auditPageSchema = z.object({
  items: z.array(auditEntry),
  nextCursor: z.string().nullable(),
});

export const createLink = defineContract({
  id: "links.create",
  method: "POST",
  path: "/api/studios/{studioId}/links",
  summary: "Issue an access link",
  description:
    "Creates the Kisi group link (without Kisi's email) and queues Latchkey's branded email " +
    "when `email` is given. The same `Idempotency-Key` with the same body returns the first " +
    "link (200) instead of issuing a second; with another body it is 409 `idempotency_mismatch`. " +
    "An `externalRef` (the booking's id) is unique per studio and works the same way: the same " +
    "body again returns its link (200), other data is 409 `external_ref_conflict`.",
  caller: staffOrToken,
  params: studioParams,
  headers: z.object({ "idempotency-key": idempotencyKeySchema.optional() }),
  body: createLinkBodySchema,
  success: {
    status: 201,
    also: [200],
    schema: z.object({
      id: z.uuid(),
      url: z.url().meta({ description: "The guest's URL. Secret: hand it only to the guest." }),
      externalRef: z.string().nullable(),
      state: linkState,
      validFrom: isoInstant,
      validUntil: isoInstant,
      rules: linkRulesSchema.nullable(),
      passTypeId: z.uuid().nullable(),
      email: z.object({ status: z.enum(["queued", "not_requested"]) }),
    }),
  },
  errors: [
    ...STUDIO_ERRORS,
    "validation_failed",
    "idempotency_mismatch",
    "external_ref_conflict",
    "studio_not_ready",
    "kisi_key_invalid",
    "kisi_group_forbidden",
    "kisi_unavailable",
  ],
});

export const listLinks = defineContract({
  id: "links.list",
  method: "GET",
  path: "/api/studios/{studioId}/links",
  summary: "List the studio's links",
  description:
    "Newest first, with each link's email status and last unlock. Totals stop at 1,000. " +
    "`externalRef` finds the link of one booking.",
  caller: staffOrToken,
  params: studioParams,
  query: listLinksQuerySchema,
  success: {
    status: 200,
    schema: z.object({
      items: z.array(linkSummary),
      total: z.number().int(),
      totalCapped: z.boolean(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed"],
});

export const getLink = defineContract({
  id: "links.get",
  method: "GET",
  path: "/api/studios/{studioId}/links/{linkId}",
  summary: "One link",
  description:
    "Its URL, email history and newest unlock attempts. An API token sees `url` only for links " +
    "it issued itself.",
  caller: staffOrToken,
  params: linkParams,
  success: {
    status: 200,
    schema: z.object({
      id: z.uuid(),
      url: z.url().optional(),
      state: linkState,
      guestName: z.string(),
      guestEmail: z.string().nullable(),
      externalRef: z.string().nullable(),
      locale: z.enum(LOCALES),
      validFrom: isoInstant,
      validUntil: isoInstant,
      revokedInKisiAt: isoInstant.nullable(),
      access: ruleUsageSchema,
      emails: z.array(
        z.object({
          status: z.enum(EMAIL_STATUSES),
          recipient: z.string(),
          attempts: z.number().int(),
          lastError: z.string().nullable(),
          sentAt: isoInstant.nullable(),
          createdAt: isoInstant,
        }),
      ),
      unlocks: z.array(auditEntry),
      unlocksNextCursor: z.string().nullable(),
    }),
  },
  errors: [...STUDIO_ERRORS, "link_unreadable"],
});

export const changeLinkWindow = defineContract({
  id: "links.changeWindow",
  method: "PATCH",
  path: "/api/studios/{studioId}/links/{linkId}",
  summary: "Extend or move a link's window, or change its access rules",
  description:
    "Kisi's link is replaced behind the same token when its window moves: the guest's URL keeps " +
    "working. `rules` (null: none) replaces the link's access rules and detaches it from its " +
    'pass type; for a used "valid from first use" link, Kisi\'s window follows the new validity ' +
    "in the same change. Other rule changes need no Kisi call.",
  caller: staffOrToken,
  params: linkParams,
  body: changeWindowBodySchema,
  success: {
    status: 200,
    schema: z.object({
      id: z.uuid(),
      state: linkState,
      validFrom: isoInstant,
      validUntil: isoInstant,
    }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed", "conflict", "kisi_unavailable"],
});

export const revokeLink = defineContract({
  id: "links.revoke",
  method: "DELETE",
  path: "/api/studios/{studioId}/links/{linkId}",
  summary: "Revoke a link",
  description:
    "Refused to the guest at once. Kisi's link is deleted too, or the delete stays owed while " +
    "Kisi is unreachable (`kisi.deleted: false`).",
  caller: staffOrToken,
  params: linkParams,
  success: {
    status: 200,
    schema: z.object({
      id: z.uuid(),
      state: z.literal("revoked"),
      kisi: z.object({ deleted: z.boolean() }),
    }),
  },
  errors: [...STUDIO_ERRORS],
});

export const resendLinkEmail = defineContract({
  id: "links.resendEmail",
  method: "POST",
  path: "/api/studios/{studioId}/links/{linkId}/email",
  summary: "Send the access email again",
  caller: staffOrToken,
  params: linkParams,
  success: {
    status: 202,
    schema: z.object({ id: z.uuid(), email: z.object({ status: z.literal("queued") }) }),
  },
  errors: [...STUDIO_ERRORS, "conflict", "link_unreadable"],
});

export const bulkLinkAction = defineContract({
  id: "links.bulkAction",
  method: "POST",
  path: "/api/studios/{studioId}/links/actions",
  summary: "Revoke, extend or resend several links at once",
  description:
    "Applies `action` to each link in turn and answers each link's own result: one that the " +
    "link's state does not allow (e.g. revoking an expired link), that is not the studio's, or " +
    "that Kisi refused fails alone (`ok: false` with its error) while the others go through. " +
    "`extend` adds a day to the later of now and the link's end, as the single PATCH would.",
  caller: staffOrToken,
  params: studioParams,
  body: bulkLinkActionBodySchema,
  success: {
    status: 200,
    schema: z.object({
      action: bulkLinkActionBodySchema.shape.action,
      succeeded: z.number().int(),
      failed: z.number().int(),
      results: z.array(
        z.object({
          id: z.uuid(),
          ok: z.boolean(),
          guestName: z.string().nullable(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed"],
});

export const linkAudit = defineContract({
  id: "links.audit",
  method: "GET",
  path: "/api/studios/{studioId}/links/{linkId}/audit",
  summary: "A link's unlock attempts",
  description: `Newest first; pass \`nextCursor\` back as \`cursor\` for older ones. \`outcome\`: ${AUDIT_OUTCOME_FILTERS.join(" or ")}.`,
  caller: { kind: "studio", roles: STUDIO_STAFF },
  params: linkParams,
  query: auditQuerySchema,
  success: { status: 200, schema: auditPageSchema },
  errors: [...STUDIO_ERRORS, "invalid_request", "validation_failed"],
  internal: true,
});
