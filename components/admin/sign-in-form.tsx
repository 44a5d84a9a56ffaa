"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/** Email + password. One generic message for any wrong pair (no hint which part was wrong). */
export function SignInForm() {
  const t = useTranslations("SignInPage");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    }).catch(() => null);
    setPending(false);
    if (res?.ok) {
      router.push("/dashboard");
      router.refresh();
      return;
    }
    setError(
      res?.status === 429 ? t("throttled") : res?.status === 401 ? t("invalid") : t("failed"),
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
      <div className="space-y-1">
        <label htmlFor="email" className="block font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="min-h-12 w-full rounded-lg border border-ink/30 px-3"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="min-h-12 w-full rounded-lg border border-ink/30 px-3"
        />
      </div>
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
        {pending ? t("signingIn") : t("submit")}
      </button>
    </form>
  );
}
