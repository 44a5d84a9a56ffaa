"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { useSWRConfig } from "swr";
import { LOCALES } from "@/lib/i18n/locales";

type Invited = { id: string; email: string; url: string };
type ApiErrorBody = { error?: { message?: string; issues?: { path: string; message: string }[] } };

/**
 * Invite by email as manager or front desk, in a language for the email (the inviter's own by
 * default). The invitation URL is shown here once, to copy: demo mode captures emails.
 */
export function TeamInviteForm({ studioId }: { studioId: string }) {
  const t = useTranslations("TeamPage");
  const roles = useTranslations("TeamRoles");
  const locale = useLocale();
  const { mutate } = useSWRConfig();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invited, setInvited] = useState<Invited | null>(null);
  const [copied, setCopied] = useState(false);
  const resultRef = useRef<HTMLElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/studios/${studioId}/team/invitations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          email: String(form.get("email") ?? "").trim(),
          role: form.get("role"),
          locale: form.get("locale"),
        }),
      });
      const body = (await res.json()) as Invited & ApiErrorBody;
      if (!res.ok) {
        const label = (path: string) =>
          ({ email: t("email"), role: t("role"), locale: t("language") })[path] ?? path;
        const details = body.error?.issues
          ?.map((i) => `${label(i.path)}: ${i.message}`)
          .join(" · ");
        setError([body.error?.message, details].filter(Boolean).join(" ") || t("failed"));
        return;
      }
      setInvited(body);
      setCopied(false);
      formElement.reset();
      await mutate(`/api/studios/${studioId}/team`);
      // The URL is shown once: move focus to it so keyboard and screen-reader users find it.
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  const field = "min-h-11 w-full rounded-lg border border-ink/30 px-3";
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="invite-email" className="block font-medium">
            {t("email")}
          </label>
          <input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            className={field}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="invite-role" className="block font-medium">
            {t("role")}
          </label>
          <select id="invite-role" name="role" defaultValue="front_desk" className={field}>
            <option value="front_desk">{roles("front_desk")}</option>
            <option value="manager">{roles("manager")}</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="invite-locale" className="block font-medium">
            {t("language")}
          </label>
          <select id="invite-locale" name="locale" defaultValue={locale} className={field}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p role="alert" className="font-medium text-red-800 sm:col-span-3">
            {error}
          </p>
        )}
        <div className="sm:col-span-3">
          <button
            type="submit"
            disabled={pending}
            className="min-h-12 rounded-lg bg-brand px-5 font-semibold text-brand-contrast disabled:opacity-70"
          >
            {pending ? t("sending") : t("submit")}
          </button>
        </div>
      </form>
      {invited && (
        <section
          ref={resultRef}
          tabIndex={-1}
          role="status"
          aria-labelledby="invited-heading"
          className="space-y-2 rounded-xl border border-accent/40 bg-accent/10 p-4"
        >
          <h3 id="invited-heading" className="font-semibold">
            {t("invited", { email: invited.email })}
          </h3>
          <p className="text-sm">{t("urlOnce")}</p>
          <label htmlFor="invited-url" className="sr-only">
            {t("urlLabel")}
          </label>
          <input
            id="invited-url"
            readOnly
            value={invited.url}
            className={`${field} font-mono text-sm`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            className="min-h-11 rounded-lg bg-ink px-4 font-medium text-surface"
            onClick={async () => {
              await navigator.clipboard?.writeText(invited.url);
              setCopied(true);
            }}
          >
            {copied ? t("copied") : t("copy")}
          </button>
        </section>
      )}
    </div>
  );
}
