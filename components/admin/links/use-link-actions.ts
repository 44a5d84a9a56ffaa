"use client";

import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import {
  bulkLinkAction,
  changeLinkWindow,
  getLink,
  resendLinkEmail,
  revokeLink,
} from "@/lib/contracts/links";
import { extendedUntil, type BulkLinkAction } from "@/lib/links/state-actions";

export type LinkRef = { id: string; guestName: string; validUntil: string };

/**
 * The link actions the row menu, the bulk bar and the link page share, each through its
 * contract; the outcome is a toast in the admin's language (sonner announces it politely), and
 * `onChanged` refreshes whatever shows the links.
 */
export function useLinkActions(studioId: string, onChanged: () => unknown) {
  const t = useTranslations("DashboardLinks.actions");
  const params = (link: LinkRef) => ({ studioId, linkId: link.id });
  const fail = (error: unknown, fallback: string) => toast.error(describeError(error, fallback));

  async function copy(link: LinkRef) {
    try {
      const detail = await callApi(getLink, { params: params(link) });
      if (!detail.url || !navigator.clipboard) throw new Error("no url or clipboard");
      await navigator.clipboard.writeText(detail.url);
      toast.success(t("copied", { name: link.guestName }));
    } catch (error) {
      fail(error, t("copyFailed"));
    }
  }
  async function extend(link: LinkRef) {
    try {
      const until = extendedUntil(new Date(link.validUntil), new Date());
      await callApi(changeLinkWindow, {
        params: params(link),
        body: { validUntil: until.toISOString() },
      });
      toast.success(t("extended", { name: link.guestName }));
    } catch (error) {
      fail(error, t("extendFailed"));
    }
    await onChanged();
  }
  async function resend(link: LinkRef) {
    try {
      await callApi(resendLinkEmail, { params: params(link) });
      toast.success(t("resent", { name: link.guestName }));
    } catch (error) {
      fail(error, t("resendFailed"));
    }
    await onChanged();
  }
  async function revoke(link: LinkRef) {
    try {
      await callApi(revokeLink, { params: params(link) });
      toast.success(t("revoked", { name: link.guestName }));
    } catch (error) {
      fail(error, t("revokeFailed"));
    }
    await onChanged();
  }
  /** One action for many: a summary toast, and each failure with its guest and reason. */
  async function bulk(action: BulkLinkAction, links: LinkRef[]) {
    let answer: Result<typeof bulkLinkAction>;
    try {
      answer = await callApi(bulkLinkAction, {
        params: { studioId },
        body: { action, linkIds: links.map((l) => l.id) },
      });
    } catch (error) {
      fail(error, t("bulkFailed"));
      return null;
    }
    const name = (id: string) => links.find((l) => l.id === id)?.guestName ?? id;
    const failures = answer.results.filter((r) => !r.ok);
    const summary = t(`bulkDone.${action}`, { count: answer.succeeded });
    if (failures.length === 0) toast.success(summary);
    else
      toast.warning(t("bulkPartial", { summary, failed: failures.length }), {
        description: failures.map((r) => `${name(r.id)}: ${r.error?.message ?? ""}`).join("\n"),
        duration: 15_000,
      });
    await onChanged();
    return answer;
  }
  return { copy, extend, resend, revoke, bulk };
}
