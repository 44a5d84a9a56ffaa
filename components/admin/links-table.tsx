"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useApi } from "@/components/api/use-api";
import { callApi, succeeded } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import {
  changeLinkWindow,
  getLink,
  listLinks,
  resendLinkEmail,
  revokeLink,
} from "@/lib/contracts/links";
import { LINK_STATE_FILTERS } from "@/lib/schemas/links";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ListStatus, LiveStatus } from "@/components/ui/feedback";
import { inlineControlClass, SelectField, smallLabelClass, TextField } from "@/components/ui/field";
import { QrCodeButton } from "./qr-code-button";

type LinkSummary = Result<typeof listLinks>["items"][number];

/** A studio's links, refreshed every 20 s: state, window, email status, last unlock, actions. */
export function LinksTable({ studioId, timeZone }: { studioId: string; timeZone: string }) {
  const t = useTranslations("LinksTable");
  const tl = useTranslations("LinkListing");
  const format = useFormatter();
  const [state, setState] = useState("");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const id = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(id);
  }, [search]);

  const query = {
    page,
    ...(state ? { state: state as (typeof LINK_STATE_FILTERS)[number] } : {}),
    ...(q ? { q } : {}),
  };
  // Totals are counted up to a cap; `totalCapped` says there are more.
  const { data, error, isLoading, mutate } = useApi(
    listLinks,
    { params: { studioId }, query },
    { refreshInterval: 20_000, keepPreviousData: true },
  );
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });
  const linkParams = (link: LinkSummary) => ({ studioId, linkId: link.id });

  async function copy(link: LinkSummary) {
    const detail = await callApi(getLink, { params: linkParams(link) });
    if (detail.url) await navigator.clipboard?.writeText(detail.url);
    setNotice(t("copied", { name: link.guestName }));
  }
  async function extend(link: LinkSummary) {
    const until = new Date(Math.max(Date.now(), new Date(link.validUntil).getTime()) + 86_400_000);
    const ok = await succeeded(
      callApi(changeLinkWindow, {
        params: linkParams(link),
        body: { validUntil: until.toISOString() },
      }),
    );
    setNotice(
      ok
        ? t("extended", { name: link.guestName, until: when(until.toISOString()) })
        : t("extendFailed"),
    );
    await mutate();
  }
  async function resend(link: LinkSummary) {
    const ok = await succeeded(callApi(resendLinkEmail, { params: linkParams(link) }));
    setNotice(ok ? t("resent", { name: link.guestName }) : t("resendFailed"));
    await mutate();
  }
  async function revoke(link: LinkSummary) {
    setConfirming(null);
    const ok = await succeeded(callApi(revokeLink, { params: linkParams(link) }));
    setNotice(ok ? t("revoked", { name: link.guestName }) : t("revokeFailed"));
    await mutate();
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  // Past the cap the number of pages is unknown: "next" stays while pages come back full.
  const hasNext = data
    ? page < pages || (data.totalCapped && data.items.length === data.pageSize)
    : false;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <TextField
          id="links-search"
          label={t("search")}
          className="flex-1"
          labelClassName={smallLabelClass}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <SelectField
          id="links-state"
          label={t("filter")}
          labelClassName={smallLabelClass}
          selectClassName={inlineControlClass}
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{t("states.all")}</option>
          {LINK_STATE_FILTERS.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <LiveStatus>{notice}</LiveStatus>
      {data && data.items.length > 0 && (
        <p className="text-sm text-ink-muted">
          {data.totalCapped
            ? tl("totalCapped", { count: data.total })
            : tl("total", { count: data.total })}
        </p>
      )}
      <ListStatus
        error={error}
        loading={isLoading && !data}
        empty={Boolean(data && data.items.length === 0)}
        messages={{ failed: t("loadFailed"), loading: t("loading"), empty: t("empty") }}
      />
      {data && data.items.length > 0 && (
        <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
          {data.items.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 p-4">
              <div className="min-w-48 flex-1">
                <p className="font-semibold">
                  <Link
                    href={`/dashboard/studios/${studioId}/links/${link.id}`}
                    className="underline underline-offset-4"
                  >
                    {link.guestName}
                  </Link>
                </p>
                {link.guestEmail && <p className="text-sm text-ink-muted">{link.guestEmail}</p>}
                {!link.readable && (
                  <p className="text-sm">
                    <span className="rounded-full border border-red-800 px-2 py-0.5 font-medium text-red-800">
                      {tl("unreadable")}
                    </span>{" "}
                    <span className="text-ink-muted">{tl("unreadableHint")}</span>
                  </p>
                )}
              </div>
              <p className="min-w-24">
                <span className="rounded-full border border-ink/30 px-2 py-0.5 text-sm font-medium">
                  {t(`states.${link.state}`)}
                </span>
              </p>
              <p className="min-w-56 text-sm">
                {t("window", { from: when(link.validFrom), until: when(link.validUntil) })}
              </p>
              <p className="min-w-32 text-sm">{t(`email.${link.email?.status ?? "none"}`)}</p>
              <p className="min-w-40 text-sm">
                {link.lastUnlockAt
                  ? t("lastUnlock", { at: when(link.lastUnlockAt) })
                  : t("neverUnlocked")}
              </p>
              <div className="flex flex-wrap gap-2">
                {link.readable && (
                  <Button onClick={() => void copy(link)}>
                    {t("copy")}
                    <span className="sr-only"> — {link.guestName}</span>
                  </Button>
                )}
                {link.readable && link.state !== "revoked" && link.state !== "pending" && (
                  <QrCodeButton studioId={studioId} linkId={link.id} guestName={link.guestName} />
                )}
                {(link.state === "active" ||
                  link.state === "scheduled" ||
                  link.state === "expired") && (
                  <Button onClick={() => void extend(link)}>
                    {t("extend")}
                    <span className="sr-only"> — {link.guestName}</span>
                  </Button>
                )}
                {link.readable &&
                  link.guestEmail &&
                  (link.state === "active" || link.state === "scheduled") && (
                    <Button onClick={() => void resend(link)}>
                      {t("resend")}
                      <span className="sr-only"> — {link.guestName}</span>
                    </Button>
                  )}
                {link.state !== "revoked" && (
                  <ConfirmButton
                    confirming={confirming === link.id}
                    onAsk={() => setConfirming(link.id)}
                    onConfirm={() => void revoke(link)}
                    label={t("revoke")}
                    srSuffix={link.guestName}
                    confirmLabel={t("confirmRevoke", { name: link.guestName })}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && (pages > 1 || hasNext) && (
        <nav aria-label={t("pagination")} className="flex items-center gap-3">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
            className="min-h-11 rounded-lg border border-ink/30 px-3 disabled:opacity-50"
          >
            {t("previous")}
          </button>
          <span>
            {data.totalCapped ? tl("pageOfAtLeast", { page, pages }) : t("pageOf", { page, pages })}
          </span>
          <button
            type="button"
            disabled={!hasNext}
            onClick={() => setPage(page + 1)}
            className="min-h-11 rounded-lg border border-ink/30 px-3 disabled:opacity-50"
          >
            {t("next")}
          </button>
        </nav>
      )}
    </div>
  );
}
