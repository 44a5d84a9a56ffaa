"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useSWRConfig } from "swr";
import { LOCALES } from "@/lib/i18n/locales";
import { buttonClass } from "@/components/ui/button";
import { CopyableValue, CopyButton } from "@/components/ui/copy-button";
import { ErrorAlert } from "@/components/ui/feedback";
import { describeApiError, type ApiErrorBody } from "@/components/ui/fetch-json";
import { SelectField, TextField } from "@/components/ui/field";

type Invited = { id: string; email: string; url: string };

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

  const resultRef = useRef<HTMLElement>(null);
  // The URL is shown once: move focus to it when it appears, so keyboard and screen-reader users
  // find it (an effect runs after React rendered it; a frame callback might not).
  useEffect(() => {
    if (invited) resultRef.current?.focus();
  }, [invited]);

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
        setError(describeApiError(body, t("failed"), label));
        return;
      }
      setInvited(body);
      formElement.reset();
      await mutate(`/api/studios/${studioId}/team`);
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3">
        <TextField
          id="invite-email"
          label={t("email")}
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={254}
        />
        <SelectField id="invite-role" label={t("role")} name="role" defaultValue="front_desk">
          <option value="front_desk">{roles("front_desk")}</option>
          <option value="manager">{roles("manager")}</option>
        </SelectField>
        <SelectField id="invite-locale" label={t("language")} name="locale" defaultValue={locale}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </SelectField>
        <ErrorAlert error={error} className="sm:col-span-3" />
        <div className="sm:col-span-3">
          <button type="submit" disabled={pending} className={buttonClass("primary", "lg")}>
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
          <CopyableValue id="invited-url" label={t("urlLabel")} value={invited.url} />
          <CopyButton text={invited.url} label={t("copy")} copiedLabel={t("copied")} />
        </section>
      )}
    </div>
  );
}
