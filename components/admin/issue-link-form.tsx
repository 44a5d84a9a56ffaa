"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { useSWRConfig } from "swr";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { buttonClass } from "@/components/ui/button";
import { CopyableValue, CopyButton } from "@/components/ui/copy-button";
import { ErrorAlert } from "@/components/ui/feedback";
import { callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { createLink } from "@/lib/contracts/links";
import { SelectField, TextField } from "@/components/ui/field";
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
      let body: Result<typeof createLink>;
      try {
        body = await callApi(createLink, {
          params: { studioId },
          headers: { "Idempotency-Key": idempotencyKey.current },
          body: {
            name: String(form.get("name") ?? ""),
            ...(email ? { email } : {}),
            locale: String(form.get("locale")) as Locale,
            validFrom: Number.isNaN(window.from.getTime()) ? "" : window.from.toISOString(),
            validUntil: Number.isNaN(window.until.getTime()) ? "" : window.until.toISOString(),
          },
        });
      } catch (failure) {
        // Field names as the form labels them, in the admin's language.
        const label = (path: string) =>
          ({ name: t("name"), email: t("email"), validFrom: t("from"), validUntil: t("until") })[
            path
          ] ?? path;
        setError(describeError(failure, t("failed"), label));
        return;
      }
      setIssued({ ...body, name: String(form.get("name") ?? "") });
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

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <TextField id="issue-name" label={t("name")} name="name" required maxLength={120} />
        <TextField
          id="issue-email"
          label={t("email")}
          hint={t("emailHint")}
          name="email"
          type="email"
        />
        <SelectField
          id="issue-locale"
          label={t("language")}
          name="locale"
          defaultValue={defaultLocale}
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </SelectField>
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
            <TextField
              id="issue-from"
              label={t("from")}
              name="validFrom"
              type="datetime-local"
              required
            />
            <TextField
              id="issue-until"
              label={t("until")}
              name="validUntil"
              type="datetime-local"
              required
            />
          </>
        )}
        <ErrorAlert error={error} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <button type="submit" disabled={pending} className={buttonClass("primary", "lg")}>
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
          <CopyableValue id="issued-url" label={t("linkLabel")} value={issued.url} />
          <div className="flex gap-2">
            <CopyButton text={issued.url} label={t("copy")} copiedLabel={t("copied")} />
            <a
              href={issued.url}
              target="_blank"
              rel="noreferrer"
              className={buttonClass("secondary", "md", "flex items-center")}
            >
              {t("open")}
            </a>
            <QrCodeButton
              studioId={studioId}
              linkId={issued.id}
              guestName={issued.name}
              className={buttonClass("secondary", "md")}
            />
          </div>
        </section>
      )}
    </div>
  );
}
