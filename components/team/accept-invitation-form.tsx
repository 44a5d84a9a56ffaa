"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiMutation } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { ErrorAlert } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { describeError } from "@/lib/contracts/client";
import { acceptInvitation } from "@/lib/contracts/team";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/schemas/team";

type Props = { token: string; mode: "new" | "existing"; studioName: string };

/**
 * Accepts an invitation: a new person sets their name and password (the account is created on
 * the server, with the membership, in one step); someone signed in just confirms. Then to the
 * dashboard, signed in — or to sign-in, with a clear message, if no session came back. The
 * fields are checked by the contract's schema (the password's bounds are better-auth's).
 */
export function AcceptInvitationForm({ token, mode, studioName }: Props) {
  const t = useTranslations("InvitePage");
  const router = useRouter();
  const accept = useApiMutation(acceptInvitation);
  const form = useContractForm(
    acceptInvitation.body,
    mode === "new" ? { token, name: "", password: "" } : { token },
  );
  const [error, setError] = useState<string | null>(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setError(null);
    try {
      const result = await accept.trigger({ body });
      if (!result.signedIn) {
        setNeedsSignIn(true);
        return;
      }
      router.push("/dashboard");
      router.refresh();
    } catch (failure) {
      if (!form.applyServerError(failure))
        setError(describeError(failure, t("failed"), () => null));
    }
  });

  if (needsSignIn) {
    return (
      <div role="status" className="space-y-3">
        <p className="font-semibold">{t("accountReady", { studio: studioName })}</p>
        <a
          href="/sign-in"
          className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-brand-contrast"
        >
          {t("signInLink")}
        </a>
      </div>
    );
  }

  const field = "min-h-12 w-full rounded-lg border border-ink/30 px-3";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {mode === "new" && (
        <>
          <TextField
            {...form.register("name")}
            id="invite-name"
            label={t("name")}
            autoComplete="name"
            aria-required
            inputClassName={field}
            error={form.message(errors.name?.message)}
          />
          <TextField
            {...form.register("password")}
            id="invite-password"
            label={t("password")}
            type="password"
            autoComplete="new-password"
            aria-required
            inputClassName={field}
            hint={t("passwordHint", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
            error={form.message(errors.password?.message)}
          />
        </>
      )}
      {/* The token is no field of its own: a problem with it is the form's. */}
      <ErrorAlert error={error ?? form.message(errors.token?.message) ?? null} />
      <button
        type="submit"
        disabled={isSubmitting}
        className="min-h-12 w-full rounded-lg bg-brand px-4 font-semibold text-brand-contrast disabled:opacity-70"
      >
        {isSubmitting ? t("accepting") : mode === "new" ? t("submitNew") : t("submitExisting")}
      </button>
    </form>
  );
}
