"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import useSWR from "swr";
import type { ApiTokenSummary } from "@/lib/api-tokens/service";

type Props = { studioId: string; timeZone: string; apiBase: string };
type Created = ApiTokenSummary & { token: string };
type ApiErrorBody = { error?: { message?: string; issues?: { path: string; message: string }[] } };

async function fetchTokens(url: string): Promise<{ items: ApiTokenSummary[] }> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(String(res.status));
  return (await res.json()) as { items: ApiTokenSummary[] };
}

/**
 * Create, list and revoke a studio's API tokens. A new token lives only in this component's
 * state until the manager closes the panel: the server cannot show it again.
 */
export function ApiTokensManager({ studioId, timeZone, apiBase }: Props) {
  const t = useTranslations("ApiTokensManager");
  const format = useFormatter();
  const url = `/api/studios/${studioId}/api-tokens`;
  const { data, error, isLoading, mutate } = useSWR(url, fetchTokens);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const createdHeading = useRef<HTMLHeadingElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  // Move focus to what just appeared, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setPending(true);
    setFormError(null);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name }),
      });
      const body = (await res.json()) as Created & ApiErrorBody;
      if (!res.ok) {
        const details = body.error?.issues?.map((i) => i.message).join(" · ");
        setFormError([body.error?.message, details].filter(Boolean).join(" ") || t("createFailed"));
        return;
      }
      setCreated(body);
      setCopied(false);
      form.reset();
      await mutate();
    } catch {
      setFormError(t("createFailed"));
    } finally {
      setPending(false);
    }
  }

  async function revoke(token: ApiTokenSummary) {
    setConfirming(null);
    const res = await fetch(`${url}/${token.id}`, { method: "DELETE" });
    setNotice(res.ok ? t("revoked", { name: token.name }) : t("revokeFailed"));
    await mutate();
  }

  function dismiss() {
    setCreated(null);
    nameInput.current?.focus();
  }

  const field = "min-h-11 w-full rounded-lg border border-ink/30 px-3";
  const curl = [
    `curl -X POST ${apiBase}/links \\`,
    `  -H "Authorization: Bearer $LATCHKEY_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: booking-4711" \\`,
    `  -d '{"name":"Jane Guest","email":"jane@example.com",` +
      `"validFrom":"2026-05-04T17:30:00Z","validUntil":"2026-05-04T19:30:00Z"}'`,
  ].join("\n");

  return (
    <div className="space-y-6">
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="token-name" className="block font-medium">
            {t("name")}
          </label>
          <input
            ref={nameInput}
            id="token-name"
            name="name"
            required
            maxLength={80}
            aria-describedby="token-name-hint"
            className={field}
          />
          <p id="token-name-hint" className="text-sm text-ink-muted">
            {t("nameHint")}
          </p>
        </div>
        <div className="pb-6">
          <button
            type="submit"
            disabled={pending}
            className="min-h-12 rounded-lg bg-brand px-5 font-semibold text-brand-contrast disabled:opacity-70"
          >
            {pending ? t("creating") : t("create")}
          </button>
        </div>
        {formError && (
          <p role="alert" className="w-full font-medium text-red-800">
            {formError}
          </p>
        )}
      </form>

      {created && (
        <section
          aria-labelledby="token-created-heading"
          className="space-y-3 rounded-xl border border-accent/40 bg-accent/10 p-4"
        >
          <h3
            id="token-created-heading"
            ref={createdHeading}
            tabIndex={-1}
            className="font-semibold"
          >
            {t("createdHeading", { name: created.name })}
          </h3>
          <p className="font-medium">{t("onceNote")}</p>
          <label htmlFor="created-token" className="block text-sm font-medium">
            {t("tokenLabel")}
          </label>
          <input
            id="created-token"
            readOnly
            value={created.token}
            className={`${field} font-mono text-sm`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="min-h-11 rounded-lg bg-ink px-4 font-medium text-surface"
              onClick={async () => {
                await navigator.clipboard?.writeText(created.token);
                setCopied(true);
              }}
            >
              {t("copy")}
            </button>
            <button
              type="button"
              onClick={dismiss}
              className="min-h-11 rounded-lg border border-ink/30 px-4 font-medium"
            >
              {t("done")}
            </button>
          </div>
          <p role="status" aria-live="polite" className="min-h-6 text-sm">
            {copied ? t("copied") : ""}
          </p>
        </section>
      )}

      <section aria-labelledby="token-usage-heading" className="space-y-2">
        <h3 id="token-usage-heading" className="text-lg font-semibold">
          {t("usageHeading")}
        </h3>
        <p className="max-w-prose text-sm text-ink-muted">{t("usageText")}</p>
        <pre
          tabIndex={0}
          aria-label={t("curlLabel")}
          className="overflow-x-auto rounded-lg border border-ink/15 bg-ink/5 p-3 text-sm"
        >
          <code>{curl}</code>
        </pre>
      </section>

      <section aria-labelledby="token-list-heading" className="space-y-2">
        <h3 id="token-list-heading" className="text-lg font-semibold">
          {t("listHeading")}
        </h3>
        <p role="status" aria-live="polite" className="min-h-6 text-sm">
          {notice}
        </p>
        {error && <p role="alert">{t("loadFailed")}</p>}
        {isLoading && !data && <p>{t("loading")}</p>}
        {data && data.items.length === 0 && <p>{t("empty")}</p>}
        {data && data.items.length > 0 && (
          <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
            {data.items.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 p-4">
                <div className="min-w-48 flex-1">
                  <p className="font-semibold">{token.name}</p>
                  <p className="font-mono text-sm text-ink-muted">
                    <span className="sr-only">{t("prefix")} </span>
                    {token.prefix}…
                  </p>
                </div>
                <p className="min-w-24">
                  <span className="rounded-full border border-ink/30 px-2 py-0.5 text-sm font-medium">
                    {t(`status.${token.status}`)}
                  </span>
                </p>
                <p className="min-w-48 text-sm">
                  {token.createdBy
                    ? t("createdBy", { at: when(token.createdAt), name: token.createdBy })
                    : t("created", { at: when(token.createdAt) })}
                </p>
                <p className="min-w-40 text-sm">
                  {token.lastUsedAt
                    ? t("lastUsed", { at: when(token.lastUsedAt) })
                    : t("neverUsed")}
                </p>
                {token.status === "active" && (
                  <div className="flex flex-wrap gap-2">
                    {confirming === token.id ? (
                      <>
                        <button
                          ref={confirmButton}
                          type="button"
                          onClick={() => void revoke(token)}
                          className="min-h-11 rounded-lg bg-red-800 px-3 text-sm font-semibold text-white"
                        >
                          {t("confirmRevoke", { name: token.name })}
                        </button>
                        <button
                          type="button"
                          onClick={() => setConfirming(null)}
                          className="min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium"
                        >
                          {t("cancel")}
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        onClick={() => setConfirming(token.id)}
                        className="min-h-11 rounded-lg border border-red-800 px-3 text-sm font-medium text-red-800"
                      >
                        {t("revoke")}
                        <span className="sr-only"> — {token.name}</span>
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
