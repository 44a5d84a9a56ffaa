"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { useSWRConfig } from "swr";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { QrCodeButton } from "./qr-code-button";
import { presetWindow, type Preset } from "./window-presets";

type Props = {
  studioId: string;
  timeZone: string;
  defaultLocale: Locale;
  /** The studio's "this class" length (settings → General). */
  classMinutes: number;
};
type Issued = { id: string; url: string; email: { status: string }; name: string };
type ApiErrorBody = { error?: { message?: string; issues?: { path: string; message: string }[] } };

const PRESETS: Preset[] = ["class", "today", "week", "custom"];

/**
 * Issue a link: guest, optional email, language, window (presets in the studio's time zone, or
 * custom). One Idempotency-Key per form, so a double submit or a retry never makes two links.
 */
export function IssueLinkForm({ studioId, timeZone, defaultLocale, classMinutes }: Props) {
  const t = useTranslations("IssueLinkForm");
  const tPresets = useTranslations("IssueLinkPresets");
  const { mutate } = useSWRConfig();
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const [preset, setPreset] = useState<Preset>("class");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const window =
      preset === "custom"
        ? {
            from: new Date(String(form.get("validFrom"))),
            until: new Date(String(form.get("validUntil"))),
          }
        : presetWindow(preset, { timeZone, classMinutes });
    const email = String(form.get("email") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/studios/${studioId}/links`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey.current },
        body: JSON.stringify({
          name: String(form.get("name") ?? ""),
          ...(email ? { email } : {}),
          locale: form.get("locale"),
          validFrom: Number.isNaN(window.from.getTime()) ? "" : window.from.toISOString(),
          validUntil: Number.isNaN(window.until.getTime()) ? "" : window.until.toISOString(),
        }),
      });
      const body = (await res.json()) as Issued & ApiErrorBody;
      if (!res.ok) {
        // Field names as the form labels them, in the admin's language.
        const label = (path: string) =>
          ({ name: t("name"), email: t("email"), validFrom: t("from"), validUntil: t("until") })[
            path
          ] ?? path;
        const details = body.error?.issues
          ?.map((i) => `${label(i.path)}: ${i.message}`)
          .join(" · ");
        setError([body.error?.message, details].filter(Boolean).join(" ") || t("failed"));
        return;
      }
      setIssued({ ...body, name: String(form.get("name") ?? "") });
      setCopied(false);
      idempotencyKey.current = crypto.randomUUID();
      (event.target as HTMLFormElement).reset();
      setPreset("class");
      await mutate(
        (key) => typeof key === "string" && key.startsWith(`/api/studios/${studioId}/links`),
      );
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  const field = "min-h-11 w-full rounded-lg border border-ink/30 px-3";
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="issue-name" className="block font-medium">
            {t("name")}
          </label>
          <input id="issue-name" name="name" required maxLength={120} className={field} />
        </div>
        <div className="space-y-1">
          <label htmlFor="issue-email" className="block font-medium">
            {t("email")}
          </label>
          <input
            id="issue-email"
            name="email"
            type="email"
            aria-describedby="issue-email-hint"
            className={field}
          />
          <p id="issue-email-hint" className="text-sm text-ink-muted">
            {t("emailHint")}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor="issue-locale" className="block font-medium">
            {t("language")}
          </label>
          <select id="issue-locale" name="locale" defaultValue={defaultLocale} className={field}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {t(`languages.${locale}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="space-y-1">
          <legend className="font-medium">{t("window")}</legend>
          <div className="flex flex-wrap gap-2">
            {PRESETS.map((p) => (
              <label
                key={p}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-ink/30 px-3"
              >
                <input
                  type="radio"
                  name="preset"
                  value={p}
                  checked={preset === p}
                  onChange={() => setPreset(p)}
                />
                {p === "class" ? tPresets("class", { minutes: classMinutes }) : t(`presets.${p}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {preset === "custom" && (
          <>
            <div className="space-y-1">
              <label htmlFor="issue-from" className="block font-medium">
                {t("from")}
              </label>
              <input
                id="issue-from"
                name="validFrom"
                type="datetime-local"
                required
                className={field}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="issue-until" className="block font-medium">
                {t("until")}
              </label>
              <input
                id="issue-until"
                name="validUntil"
                type="datetime-local"
                required
                className={field}
              />
            </div>
          </>
        )}
        {error && (
          <p role="alert" className="font-medium text-red-800 sm:col-span-2">
            {error}
          </p>
        )}
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={pending}
            className="min-h-12 rounded-lg bg-brand px-5 font-semibold text-brand-contrast disabled:opacity-70"
          >
            {pending ? t("issuing") : t("submit")}
          </button>
        </div>
      </form>
      {issued && (
        <section
          role="status"
          aria-labelledby="issued-heading"
          className="space-y-2 rounded-xl border border-accent/40 bg-accent/10 p-4"
        >
          <h3 id="issued-heading" className="font-semibold">
            {t("issued")}
          </h3>
          <p className="text-sm">
            {issued.email.status === "queued" ? t("emailQueued") : t("emailNotRequested")}
          </p>
          <label htmlFor="issued-url" className="sr-only">
            {t("linkLabel")}
          </label>
          <input
            id="issued-url"
            readOnly
            value={issued.url}
            className={`${field} font-mono text-sm`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex gap-2">
            <button
              type="button"
              className="min-h-11 rounded-lg bg-ink px-4 font-medium text-surface"
              onClick={async () => {
                await navigator.clipboard?.writeText(issued.url);
                setCopied(true);
              }}
            >
              {copied ? t("copied") : t("copy")}
            </button>
            <a
              href={issued.url}
              target="_blank"
              rel="noreferrer"
              className="flex min-h-11 items-center rounded-lg border border-ink/30 px-4 font-medium"
            >
              {t("open")}
            </a>
            <QrCodeButton
              studioId={studioId}
              linkId={issued.id}
              guestName={issued.name}
              className="min-h-11 rounded-lg border border-ink/30 px-4 font-medium"
            />
          </div>
        </section>
      )}
    </div>
  );
}
