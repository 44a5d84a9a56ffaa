import "server-only";
import { ApiError, isApiError } from "@/lib/api/errors";
import { reply, type ServiceContext } from "@/lib/api/handle";
import { principalRef } from "@/lib/auth/guards";
import { listUnlockAudit } from "@/lib/audit/unlock-audit";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { translator } from "@/lib/i18n/translator";
import { log } from "@/lib/log/logger";
import type {
  bulkLinkAction,
  changeLinkWindow,
  createLink,
  getLink,
  linkAudit,
  listLinks,
  resendLinkEmail,
  revokeLink,
} from "@/lib/contracts/links";
import { isLocale } from "@/lib/i18n/locales";
import { windowProblems } from "@/lib/schemas/links";
import { rulesWindowIssues } from "@/lib/access-rules/schema";
import { changeLinkRules, changeLinkWindow as changeWindow, kisiWindowOf } from "./change-window";
import { findStudioLinkOrThrow } from "./find-studio-link";
import { issueLink } from "./issue-link";
import { linkDetail } from "./link-detail";
import { listLinks as list } from "./list-links";
import { resendLinkEmail as resend } from "./resend-email";
import { revokeLink as revoke } from "./revoke-link";
import { assertLinkAction } from "./action-guard";
import { linkState } from "./state";
import { extendedUntil, type BulkLinkAction } from "./state-actions";
import { resolveLinkRules } from "@/lib/access-rules/pass-types";

/**
 * Issue an access link: a Kisi link without Kisi's email, and our own email through the outbox.
 * An Idempotency-Key makes retries and double submits safe (scoped per caller).
 */
export async function createLinkService(ctx: ServiceContext<typeof createLink>) {
  const { caller, body, locale } = ctx;
  const deps = await ctx.deps();
  const studio = caller.studio;
  const rules = await resolveLinkRules(deps.db, studio.id, body, body);
  const { link, url, replayed } = await issueLink(deps, {
    studioId: studio.id,
    guestName: body.name,
    guestEmail: body.email ?? null,
    locale:
      body.locale ??
      rules.locale ??
      (isLocale(studio.defaultLocale) ? studio.defaultLocale : locale),
    rules: rules.rules,
    passTypeId: rules.passTypeId,
    validFrom: rules.window.validFrom,
    validUntil: rules.window.validUntil,
    sendEmail: body.sendEmail ?? Boolean(body.email),
    idempotencyKey: ctx.headers["idempotency-key"],
    externalRef: body.externalRef ?? null,
    createdBy: principalRef(caller),
  });
  const state = linkState(link, ctx.now);
  if (state === "unavailable") throw new ApiError("kisi_unavailable");
  return reply(replayed ? 200 : 201, {
    id: link.id,
    url,
    externalRef: link.externalRef,
    state,
    validFrom: link.validFrom.toISOString(),
    validUntil: link.validUntil.toISOString(),
    rules: link.rules ?? null,
    passTypeId: link.passTypeId ?? null,
    email: {
      status:
        body.email && (body.sendEmail ?? true) ? ("queued" as const) : ("not_requested" as const),
    },
  });
}

/** The studio's links, newest first, with email status and last unlock. */
export async function listLinksService(ctx: ServiceContext<typeof listLinks>) {
  const { caller, query } = ctx;
  const deps = await ctx.deps();
  return list(deps.db, caller.studio.id, query, { keyring: deps.keyring });
}

/** One link. An API token sees the URL only of links it issued itself. */
export async function getLinkService(ctx: ServiceContext<typeof getLink>) {
  const { caller, params } = ctx;
  const deps = await ctx.deps();
  const reader =
    caller.kind === "api_token"
      ? { kind: "api_token" as const, ref: principalRef(caller) }
      : { kind: "user" as const };
  return linkDetail(deps, caller.studio.id, params.linkId, reader);
}

/** Extend or move the window; Kisi's link is replaced behind the same token. */
export async function changeLinkWindowService(ctx: ServiceContext<typeof changeLinkWindow>) {
  const { caller, params, body } = ctx;
  const deps = await ctx.deps();
  const link = await findStudioLinkOrThrow(deps.db, caller.studio.id, params.linkId);
  assertLinkAction("extend", link, ctx.now);
  const window = {
    validFrom: body.validFrom ?? link.validFrom,
    validUntil: body.validUntil ?? link.validUntil,
  };
  const problem = windowProblems(window);
  if (problem)
    throw new ApiError("validation_failed", { issues: [{ path: "validUntil", message: problem }] });
  const rules = body.rules === undefined ? link.rules : body.rules;
  const ruleIssues = rulesWindowIssues(rules, window);
  if (ruleIssues.length) throw new ApiError("validation_failed", { issues: ruleIssues });
  // Kisi's link is replaced only when its window moves: a new window, or a used "valid from
  // first use" link whose validity the new rules change. Other rule changes are Latchkey's alone.
  const windowMoves =
    body.validFrom !== undefined ||
    body.validUntil !== undefined ||
    kisiWindowOf({ ...link, rules }, window).validUntil.getTime() !==
      kisiWindowOf(link, window).validUntil.getTime();
  const change = body.rules === undefined ? undefined : { rules: body.rules };
  const updated = windowMoves
    ? await changeWindow(deps, link.id, window, change)
    : await changeLinkRules(deps.db, link.id, body.rules ?? null);
  const state = linkState(updated, ctx.now);
  return {
    id: updated.id,
    state: state === "unavailable" ? ("pending" as const) : state,
    validFrom: updated.validFrom.toISOString(),
    validUntil: updated.validUntil.toISOString(),
  };
}

/** Revoke: refused to the guest at once; Kisi's delete stays owed while Kisi is down. */
export async function revokeLinkService(ctx: ServiceContext<typeof revokeLink>) {
  const { caller, params } = ctx;
  const deps = await ctx.deps();
  const link = await findStudioLinkOrThrow(deps.db, caller.studio.id, params.linkId);
  // Revoking a revoked link again is a replay (it retries an owed Kisi delete), not an action.
  if (link.status !== "revoked") assertLinkAction("revoke", link, ctx.now);
  const { kisiDeleted } = await revoke(deps, link.id);
  return { id: link.id, state: "revoked" as const, kisi: { deleted: kisiDeleted } };
}

/** Send the access email again. */
export async function resendLinkEmailService(ctx: ServiceContext<typeof resendLinkEmail>) {
  const { caller, params } = ctx;
  const deps = await ctx.deps();
  const link = await findStudioLinkOrThrow(deps.db, caller.studio.id, params.linkId);
  await resend(deps.db, link.id);
  return { id: link.id, email: { status: "queued" as const } };
}

/** The link's unlock attempts, newest first, by cursor. */
export async function linkAuditService(ctx: ServiceContext<typeof linkAudit>) {
  const { caller, params, query, locale } = ctx;
  const deps = await ctx.deps();
  const link = await findStudioLinkOrThrow(deps.db, caller.studio.id, params.linkId);
  return listUnlockAudit(deps.db, { studioId: caller.studio.id, linkId: link.id, locale }, query);
}

/**
 * One action for several links, each on its own: a link the state → actions table does not
 * allow, another studio's, or one Kisi refuses fails alone and says why, in the caller's
 * language; the others go through. One at a time, so Kisi's pacing per key is kept.
 */
export async function bulkLinkActionService(ctx: ServiceContext<typeof bulkLinkAction>) {
  const { caller, body, locale } = ctx;
  const deps = await ctx.deps();
  const t = await translator(locale, "Errors");
  const apply = async (action: BulkLinkAction, linkId: string) => {
    const link = await findStudioLinkOrThrow(deps.db, caller.studio.id, linkId);
    const now = new Date();
    assertLinkAction(action, link, now);
    if (action === "revoke") await revoke(deps, link.id);
    if (action === "resend") await resend(deps.db, link.id);
    if (action === "extend") {
      await changeWindow(deps, link.id, {
        validFrom: link.validFrom,
        validUntil: extendedUntil(link.validUntil, now),
      });
    }
    return link.guestName;
  };
  const results = [];
  for (const id of body.linkIds) {
    try {
      const guestName = await apply(body.action, id);
      results.push({ id, ok: true, guestName, error: null });
    } catch (error) {
      if (!isApiError(error)) log.error("bulk link action failed", { linkId: id, error });
      const code: ErrorCode = isApiError(error) ? error.code : "internal_error";
      results.push({
        id,
        ok: false,
        guestName: null,
        error: { code, message: t(ERROR_CODES[code].message) },
      });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action: body.action, succeeded, failed: results.length - succeeded, results };
}
