"use client";

import { clsx } from "clsx";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import { OUTBOX_STATUSES } from "@/lib/outbox/schemas";
import type { OutboxEmailDetail, OutboxEmailSummary } from "@/lib/outbox/list-emails";

type Page = { items: OutboxEmailSummary[]; nextCursor: string | null };
type ApiErrorBody = { error?: { message?: string } };

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(String(res.status));
  return (await res.json()) as T;
}

const STATUS_STYLE: Record<string, string> = {
  failed: "border-red-800 text-red-800",
  dead: "border-red-800 bg-red-800 text-white",
  sent: "border-green-800 text-green-800",
  captured: "border-ink/40 text-ink",
};

/**
 * A studio's outbox, newest first, refreshed every 10 s: who, what, delivery state, attempts,
 * the next try and the last error. One email opens below the list to read; a failed or dead
 * access-link email can be queued again (the link's own resend API).
 */
export function OutboxList({ studioId, timeZone }: { studioId: string; timeZone: string }) {
  const t = useTranslations("Outbox");
  const format = useFormatter();
  const [status, setStatus] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const opener = useRef<HTMLButtonElement | null>(null);

  const base = `/api/studios/${studioId}/outbox`;
  const { data, error, isLoading, size, setSize, mutate } = useSWRInfinite<Page>(
    (index, previous: Page | null) => {
      if (previous && !previous.nextCursor) return null;
      const params = new URLSearchParams({
        ...(status ? { status } : {}),
        ...(previous?.nextCursor ? { cursor: previous.nextCursor } : {}),
      });
      return `${base}?${params}`;
    },
    fetchJson,
    { refreshInterval: 10_000 },
  );
  const items = data?.flatMap((page) => page.items) ?? [];
  const hasMore = Boolean(data?.at(-1)?.nextCursor);
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });
  const kindLabel = (kind: string) =>
    kind === "access_link" || kind === "staff_invitation" ? t(`kinds.${kind}`) : kind;

  async function resend(email: OutboxEmailSummary) {
    if (!email.link) return;
    const res = await fetch(`/api/studios/${studioId}/links/${email.link.id}/email`, {
      method: "POST",
    });
    if (res.ok) setNotice(t("resent", { recipient: email.recipient }));
    else {
      const body = (await res.json().catch(() => ({}))) as ApiErrorBody;
      setNotice(t("resendFailed", { reason: body.error?.message ?? String(res.status) }));
    }
    await mutate();
  }

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="outbox-status" className="block text-sm font-medium">
          {t("filter")}
        </label>
        <select
          id="outbox-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            void setSize(1);
          }}
          className="min-h-11 rounded-lg border border-ink/30 px-3"
        >
          <option value="">{t("statuses.all")}</option>
          {OUTBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" aria-live="polite" className="min-h-6 text-sm">
        {notice}
      </p>
      {error && <p role="alert">{t("loadFailed")}</p>}
      {isLoading && !data && <p>{t("loading")}</p>}
      {data && items.length === 0 && <p>{t("empty")}</p>}
      {items.length > 0 && (
        <ul
          aria-label={t("listLabel")}
          className="divide-y divide-ink/10 rounded-xl border border-ink/15"
        >
          {items.map((email) => (
            <li key={email.id} className="flex flex-wrap items-start gap-x-6 gap-y-2 p-4">
              <div className="min-w-56 flex-1 space-y-1">
                <p className="font-semibold break-all">{email.recipient}</p>
                <p className="text-sm">{email.subject ?? t("noSubject")}</p>
                <p className="text-sm text-ink-muted">
                  {kindLabel(email.kind)}
                  {email.link && ` · ${email.link.guestName}`}
                </p>
              </div>
              <div className="min-w-56 space-y-1 text-sm">
                <p>
                  <span
                    className={clsx(
                      "rounded-full border px-2 py-0.5 font-medium",
                      STATUS_STYLE[email.status] ?? "border-ink/30",
                    )}
                  >
                    {t(`statuses.${email.status}`)}
                  </span>
                </p>
                <p>
                  {email.attempts === 0 ? t("notTried") : t("attempts", { count: email.attempts })}
                </p>
                <p>{t("queuedAt", { at: when(email.createdAt) })}</p>
                {email.sentAt && (
                  <p>
                    {email.status === "captured"
                      ? t("capturedAt", { at: when(email.sentAt) })
                      : t("sentAt", { at: when(email.sentAt) })}
                  </p>
                )}
                {email.nextAttemptAt && (
                  <p>{t("nextAttempt", { at: when(email.nextAttemptAt) })}</p>
                )}
                {email.lastError && (
                  <p className="text-red-800">
                    {t("lastError")} <code className="break-all">{email.lastError}</code>
                  </p>
                )}
              </div>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  aria-expanded={openId === email.id}
                  onClick={(e) => {
                    opener.current = e.currentTarget;
                    setOpenId(openId === email.id ? null : email.id);
                  }}
                  className="min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium"
                >
                  {t("read")}
                  <span className="sr-only"> — {email.recipient}</span>
                </button>
                {email.canResend && (
                  <button
                    type="button"
                    onClick={() => void resend(email)}
                    className="min-h-11 rounded-lg bg-brand px-3 text-sm font-semibold text-white"
                  >
                    {t("resend")}
                    <span className="sr-only"> — {email.recipient}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {hasMore && (
        <button
          type="button"
          onClick={() => void setSize(size + 1)}
          className="min-h-11 rounded-lg border border-ink/30 px-3 font-medium"
        >
          {t("loadMore")}
        </button>
      )}
      {openId && (
        <EmailReader
          key={openId}
          url={`${base}/${openId}`}
          timeZone={timeZone}
          onClose={() => {
            setOpenId(null);
            // Back to where the reader was opened from, so keyboard users keep their place.
            opener.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * One email, as the guest sees it: the HTML in a sandboxed frame (no scripts, no same-origin,
 * no navigation: an email is untrusted markup even when Latchkey wrote it) and the text part.
 */
function EmailReader({
  url,
  timeZone,
  onClose,
}: {
  url: string;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useTranslations("Outbox");
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, error } = useSWR<OutboxEmailDetail>(url, fetchJson);

  useEffect(() => {
    heading.current?.focus();
  }, [data]);

  return (
    <section
      aria-labelledby="email-reader-heading"
      className="space-y-3 rounded-xl border border-ink/15 p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="email-reader-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold">
          {data?.content?.subject ?? data?.subject ?? t("readerHeading")}
        </h3>
        <button
          type="button"
          onClick={onClose}
          className="min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium"
        >
          {t("close")}
        </button>
      </div>
      <div aria-live="polite">
        {error && <p role="alert">{t("readFailed")}</p>}
        {!data && !error && <p>{t("loading")}</p>}
      </div>
      {data && (
        <>
          <p className="text-sm text-ink-muted">
            {t("readerTo", {
              recipient: data.recipient,
              at: format.dateTime(new Date(data.createdAt), {
                dateStyle: "medium",
                timeStyle: "short",
                timeZone,
              }),
            })}
          </p>
          {data.content ? (
            <>
              <p className="text-sm text-ink-muted">{t("recomposedNote")}</p>
              <iframe
                title={t("htmlFrame")}
                sandbox=""
                srcDoc={data.content.html}
                className="h-[32rem] w-full rounded-lg border border-ink/15 bg-white"
              />
              <details>
                <summary className="min-h-11 cursor-pointer py-2 font-medium">
                  {t("textPart")}
                </summary>
                <pre className="overflow-x-auto text-sm break-words whitespace-pre-wrap">
                  {data.content.text}
                </pre>
              </details>
            </>
          ) : (
            <p>{t("noPreview")}</p>
          )}
        </>
      )}
    </section>
  );
}
