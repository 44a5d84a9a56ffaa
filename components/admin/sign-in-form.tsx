"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

/**
 * Email + password, then — for someone with two-factor — a code from their authenticator app
 * (or one of their backup codes). One generic message for any wrong pair (no hint which part was
 * wrong).
 */
export function SignInForm() {
  const t = useTranslations("SignInPage");
  const tf = useTranslations("TwoFactorSignIn");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<"password" | "code">("password");
  const [useBackup, setUseBackup] = useState(false);

  // A full page load, not a client-side push: the dashboard may redirect at once (to enrol in
  // two-factor), and a server redirect during a client navigation left the page blank.
  function done() {
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- on purpose, see above
    window.location.assign("/dashboard");
  }

  async function post(path: string, body: unknown) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).catch(() => null);
  }

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const res = await post("/api/auth/sign-in/email", {
      email: form.get("email"),
      password: form.get("password"),
    });
    setPending(false);
    if (res?.ok) {
      const body = (await res.json().catch(() => ({}))) as { twoFactorRedirect?: boolean };
      if (body.twoFactorRedirect) {
        setStep("code");
        return;
      }
      done();
      return;
    }
    setError(
      res?.status === 429 ? t("throttled") : res?.status === 401 ? t("invalid") : t("failed"),
    );
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    const res = useBackup
      ? await post("/api/auth/two-factor/verify-backup-code", { code })
      : await post("/api/auth/two-factor/verify-totp", { code: code.replace(/\s+/g, "") });
    setPending(false);
    if (res?.ok) return done();
    const text = res ? await res.clone().text() : "";
    setError(
      res?.status === 429
        ? t("throttled")
        : res?.status === 401 && text.includes("INVALID_TWO_FACTOR_COOKIE")
          ? tf("expired")
          : res?.status === 401 && text.includes('"two_factor_code_reused"')
            ? tf("reused")
            : res && res.status < 500
              ? tf("invalid")
              : t("failed"),
    );
  }

  const submit = (label: string) => (
    <button
      type="submit"
      disabled={pending}
      className="min-h-12 w-full rounded-lg bg-brand px-4 font-semibold text-brand-contrast disabled:opacity-70"
    >
      {pending ? t("signingIn") : label}
    </button>
  );

  const alert = error && (
    <p role="alert" className="font-medium text-red-800">
      {error}
    </p>
  );

  if (step === "code")
    return (
      <form onSubmit={onCode} className="space-y-4">
        <p>{useBackup ? tf("backupIntro") : tf("intro")}</p>
        <div className="space-y-1">
          <label htmlFor="code" className="block font-medium">
            {useBackup ? tf("backupLabel") : tf("codeLabel")}
          </label>
          <input
            id="code"
            name="code"
            key={useBackup ? "backup" : "totp"}
            autoComplete="one-time-code"
            inputMode={useBackup ? "text" : "numeric"}
            required
            autoFocus
            className="min-h-12 w-full rounded-lg border border-ink/30 px-3"
          />
        </div>
        {alert}
        {submit(tf("verify"))}
        <button
          type="button"
          onClick={() => {
            setUseBackup(!useBackup);
            setError(null);
          }}
          className="min-h-11 text-brand underline underline-offset-4"
        >
          {useBackup ? tf("useApp") : tf("useBackup")}
        </button>
      </form>
    );

  return (
    <form onSubmit={onPassword} className="space-y-4" noValidate={false}>
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
      {alert}
      {submit(t("submit"))}
    </form>
  );
}
