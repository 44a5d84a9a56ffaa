"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { apiKey, useApiMutation } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { buttonClass } from "@/components/ui/button";
import { CopyableValue, CopyButton } from "@/components/ui/copy-button";
import { ErrorAlert } from "@/components/ui/feedback";
import { SelectField, TextField } from "@/components/ui/field";
import { describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { createInvitation, getTeam } from "@/lib/contracts/team";
import { LOCALES, isLocale } from "@/lib/i18n/locales";

type Invited = Result<typeof createInvitation>;

/**
 * Invite by email as manager or front desk, in a language for the email (the inviter's own by
 * default). The invitation URL is shown here once, to copy: demo mode captures emails. The
 * fields are checked by the contract's own schema (the address, its length, the roles).
 */
export function TeamInviteForm({ studioId }: { studioId: string }) {
  const t = useTranslations("TeamPage");
  const roles = useTranslations("TeamRoles");
  const locale = useLocale();
  const { mutate } = useSWRConfig();
  const invite = useApiMutation(createInvitation, { studioId });
  const defaults = {
    email: "",
    role: "front_desk",
    locale: isLocale(locale) ? locale : "en",
  } as const;
  const form = useContractForm(createInvitation.body, defaults);
  const [error, setError] = useState<string | null>(null);
  const [invited, setInvited] = useState<Invited | null>(null);
  const { errors, isSubmitting } = form.formState;

  const resultRef = useRef<HTMLElement>(null);
  // The URL is shown once: move focus to it when it appears, so keyboard and screen-reader users
  // find it (an effect runs after React rendered it; a frame callback might not).
  useEffect(() => {
    if (invited) resultRef.current?.focus();
  }, [invited]);

  const onSubmit = form.handleSubmit(async (body) => {
    setError(null);
    try {
      setInvited(await invite.trigger({ body }));
      form.reset(defaults);
      await mutate(apiKey(getTeam, { params: { studioId } }));
    } catch (failure) {
      if (!form.applyServerError(failure))
        setError(describeError(failure, t("failed"), () => null));
    }
  });

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-3">
        <TextField
          {...form.register("email", { setValueAs: (v: string) => v.trim() })}
          id="invite-email"
          label={t("email")}
          type="email"
          autoComplete="off"
          aria-required
          error={form.message(errors.email?.message)}
        />
        <SelectField
          {...form.register("role")}
          id="invite-role"
          label={t("role")}
          error={form.message(errors.role?.message)}
        >
          <option value="front_desk">{roles("front_desk")}</option>
          <option value="manager">{roles("manager")}</option>
        </SelectField>
        <SelectField
          {...form.register("locale")}
          id="invite-locale"
          label={t("language")}
          error={form.message(errors.locale?.message)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </SelectField>
        <ErrorAlert error={error} className="sm:col-span-3" />
        <div className="sm:col-span-3">
          <button type="submit" disabled={isSubmitting} className={buttonClass("primary", "lg")}>
            {isSubmitting ? t("sending") : t("submit")}
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
          <CopyButton
            text={invited.url}
            label={t("copy")}
            copiedLabel={t("copied")}
            failedLabel={t("copyFailed")}
          />
        </section>
      )}
    </div>
  );
}
