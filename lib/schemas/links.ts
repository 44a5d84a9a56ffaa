import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { BULK_LINK_ACTIONS, LINK_LIST_STATES } from "@/lib/links/state-actions";
import { singleLineText } from "./text";
import { linkRulesSchema, rulesWindowIssues } from "@/lib/access-rules/schema";

const MAX_WINDOW_DAYS = 366;

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/**
 * Cross-field rules run only on a body whose fields all parsed: zod runs an object's refinements
 * even after a field failed, and a window check handed the string "tomorrow" instead of a Date
 * was a 500 (`getTime is not a function`) instead of the field's own 422.
 */
const onlyWhenFieldsParsed = {
  when: (payload: { issues: unknown[] }) => payload.issues.length === 0,
};

/**
 * The rules every validity window obeys, for issuing and for changing a link. Returns the key of
 * the broken rule (Errors.issues.*, translated in the error envelope), or null.
 */
export function windowProblems(
  w: { validFrom: Date; validUntil: Date },
  now = Date.now(),
): string | null {
  if (w.validUntil <= w.validFrom) return "untilBeforeFrom";
  if (w.validUntil.getTime() <= now) return "untilInPast";
  if (w.validUntil.getTime() - w.validFrom.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    return "windowTooLong";
  }
  return null;
}

/** A booking system's reference for a link (a booking or member id), unique per studio. */
export const EXTERNAL_REF_MAX = 200;
export const externalRefSchema = singleLineText({ min: 1, max: EXTERNAL_REF_MAX });

/** POST /api/studios/{studioId}/links body (and the dashboard's issue form). */
export const createLinkBodySchema = z
  .strictObject({
    name: singleLineText({ min: 1, max: 120 }),
    externalRef: externalRefSchema.optional(),
    email: z.email().max(254).optional(),
    locale: z.enum(LOCALES).optional(),
    validFrom: instant,
    /** Left out only with a pass type: its default window (`windowMinutes`) from `validFrom`. */
    validUntil: instant.optional(),
    sendEmail: z.boolean().optional(),
    /** Access rules beyond the window (lib/access-rules/schema.ts), or a pass type's. */
    rules: linkRulesSchema.optional(),
    passTypeId: z.uuid({ error: "passTypeUnknown" }).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.rules && b.passTypeId)
      ctx.addIssue({ code: "custom", message: "rulesOrPassType", path: ["rules"] });
    if (!b.validUntil) {
      // The pass type's window is known only on the server (createLinkService checks it there).
      if (!b.passTypeId)
        ctx.addIssue({ code: "custom", message: "untilRequired", path: ["validUntil"] });
      return;
    }
    const window = { validFrom: b.validFrom, validUntil: b.validUntil };
    const problem = windowProblems(window);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["validUntil"] });
    for (const issue of rulesWindowIssues(b.rules, window))
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path.split(".") });
  }, onlyWhenFieldsParsed);

/**
 * PATCH /api/studios/{studioId}/links/{linkId} body: a new start, a new end, new access rules
 * (null: none), or any of them together.
 */
export const changeWindowBodySchema = z
  .strictObject({
    validFrom: instant.optional(),
    validUntil: instant.optional(),
    rules: linkRulesSchema.nullable().optional(),
  })
  .refine((b) => b.validFrom !== undefined || b.validUntil !== undefined || b.rules !== undefined, {
    message: "startOrEndRequired",
    ...onlyWhenFieldsParsed,
  });

/** The `Idempotency-Key` header: printable, bounded (IETF draft; Stripe keeps ≤ 255). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "idempotencyKeyFormat");

export const LINK_STATE_FILTERS = LINK_LIST_STATES;

/**
 * The list's orders: a column and a direction (`-` first = descending). Sorted on the server, so
 * a sort covers every page, not just the one on screen.
 */
export const LINK_SORTS = [
  "-created",
  "created",
  "guest",
  "-guest",
  "validFrom",
  "-validFrom",
  "validUntil",
  "-validUntil",
] as const;
export type LinkSort = (typeof LINK_SORTS)[number];

/** GET /api/studios/{studioId}/links query. */
export const listLinksQuerySchema = z.strictObject({
  state: z.enum(LINK_STATE_FILTERS).optional(),
  q: singleLineText({ max: 100 }).optional(),
  externalRef: externalRefSchema.optional(),
  sort: z.enum(LINK_SORTS).default("-created"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListLinksQuery = z.infer<typeof listLinksQuerySchema>;

/** How many links one bulk action may name: a page of the list at its largest. */
export const BULK_ACTION_MAX_LINKS = 100;

/** POST /api/studios/{studioId}/links/actions body: one action for several links. */
export const bulkLinkActionBodySchema = z.strictObject({
  action: z.enum(BULK_LINK_ACTIONS),
  linkIds: z
    .array(z.uuid())
    .min(1)
    .max(BULK_ACTION_MAX_LINKS)
    .refine((ids) => new Set(ids).size === ids.length, { message: "duplicateIds" }),
});
