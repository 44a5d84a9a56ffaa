"use client";

import { clsx } from "clsx";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useApi, useApiPages } from "@/components/api/use-api";
import { callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { resendLinkEmail } from "@/lib/contracts/links";
import { listOutbox, readOutboxEmail } from "@/lib/contracts/outbox";
import { OUTBOX_STATUSES } from "@/lib/outbox/schemas";
import { Button } from "@/components/ui/button";
import { ShowOlder } from "@/components/ui/cursor-list";
import { EmailFrame } from "@/components/ui/email-frame";
import { ListStatus, LiveStatus } from "@/components/ui/feedback";
import { inlineControlClass, SelectField, smallLabelClass } from "@/components/ui/field";

type OutboxEmailSummary = Result<typeof listOutbox>["items"][number];

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

  const { data, error, isLoading, items, hasMore, loadMore, reset, mutate } = useApiPages(
    listOutbox,
    { studioId },
    { status },
    { refreshInterval: 10_000 },
  );
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });
  const kindLabel = (kind: string) =>
    kind === "access_link" || kind === "staff_invitation" ? t(`kinds.${kind}`) : kind;

  async function resend(email: OutboxEmailSummary) {
    if (!email.link) return;
    try {
      await callApi(resendLinkEmail, { params: { studioId, linkId: email.link.id } });
      setNotice(t("resent", { recipient: email.recipient }));
    } catch (failure) {
      setNotice(t("resendFailed", { reason: describeError(failure, "", () => null) }));
    }
    await mutate();
  }

  return (
    <div className="space-y-4">
      <SelectField
        id="outbox-status"
        label={t("filter")}
        labelClassName={smallLabelClass}
        selectClassName={inlineControlClass}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value);
          reset();
        }}
      >
        <option value="">{t("statuses.all")}</option>
        {OUTBOX_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      <LiveStatus>{notice}</LiveStatus>
      <ListStatus
        error={error}
        loading={isLoading && !data}
        empty={Boolean(data && items.length === 0)}
        messages={{ failed: t("loadFailed"), loading: t("loading"), empty: t("empty") }}
      />
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
                <Button
                  aria-expanded={openId === email.id}
                  onClick={(e) => {
                    opener.current = e.currentTarget;
                    setOpenId(openId === email.id ? null : email.id);
                  }}
                >
                  {t("read")}
                  <span className="sr-only"> — {email.recipient}</span>
                </Button>
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
      <ShowOlder
        hasMore={hasMore}
        onClick={loadMore}
        label={t("loadMore")}
        className="min-h-11 rounded-lg border border-ink/30 px-3 font-medium"
      />
      {openId && (
        <EmailReader
          key={openId}
          studioId={studioId}
          emailId={openId}
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

/** One email, as the guest sees it: the HTML in a sandboxed frame and the text part. */
function EmailReader({
  studioId,
  emailId,
  timeZone,
  onClose,
}: {
  studioId: string;
  emailId: string;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useTranslations("Outbox");
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, error } = useApi(readOutboxEmail, { params: { studioId, emailId } });

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
        <Button onClick={onClose}>{t("close")}</Button>
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
              <EmailFrame
                title={t("htmlFrame")}
                html={data.content.html}
                className="min-h-64 rounded-lg"
                autoHeight
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
