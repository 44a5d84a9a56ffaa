"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type Props = { token: string; mode: "new" | "existing"; studioName: string };
type ApiErrorBody = { error?: { message?: string } };

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

/**
 * Accepts an invitation: a new person sets their name and password (the account is created on
 * the server, with the membership, in one step); someone signed in just confirms. Then to the
 * dashboard, signed in — or to sign-in, with a clear message, if no session came back.
 */
export function AcceptInvitationForm({ token, mode, studioName }: Props) {
  const t = useTranslations("InvitePage");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/invitations/accept", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(
          mode === "new"
            ? { token, name: String(form.get("name") ?? ""), password: form.get("password") }
            : { token },
        ),
      });
      const body = (await res.json()) as { signedIn?: boolean } & ApiErrorBody;
      if (!res.ok) {
        setError(body.error?.message ?? t("failed"));
        return;
      }
      if (!body.signedIn) {
        setNeedsSignIn(true);
        return;
      }
      router.push("/dashboard");
      router.refresh();
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

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
    <form onSubmit={onSubmit} className="space-y-4">
      {mode === "new" && (
        <>
          <div className="space-y-1">
            <label htmlFor="invite-name" className="block font-medium">
              {t("name")}
            </label>
            <input
              id="invite-name"
              name="name"
              autoComplete="name"
              required
              maxLength={120}
              className={field}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="invite-password" className="block font-medium">
              {t("password")}
            </label>
            <input
              id="invite-password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              aria-describedby="invite-password-hint"
              className={field}
            />
            <p id="invite-password-hint" className="text-sm text-ink-muted">
              {t("passwordHint", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
            </p>
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="font-medium text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="min-h-12 w-full rounded-lg bg-brand px-4 font-semibold text-brand-contrast disabled:opacity-70"
      >
        {pending ? t("accepting") : mode === "new" ? t("submitNew") : t("submitExisting")}
      </button>
    </form>
  );
}
