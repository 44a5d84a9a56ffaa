"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { authClient, authFailure, type AuthFailure } from "@/components/api/auth-client";

/**
 * Email + password, then — for someone with two-factor — a code from their authenticator app
 * (or one of their backup codes). One generic message for any wrong pair (no hint which part was
 * wrong). Where passkeys are on, a passkey alone signs in: it is two factors in itself (the
 * device, and the PIN or biometrics the server requires), so no code is asked after it.
 */
export function SignInForm({ passkeys = false }: { passkeys?: boolean }) {
  const t = useTranslations("SignInPage");
  const tf = useTranslations("TwoFactorSignIn");
  const tp = useTranslations("PasskeySignIn");
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

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { data, error: failure } = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (!failure) {
      if ((data as { twoFactorRedirect?: boolean } | null)?.twoFactorRedirect) {
        setStep("code");
        return;
      }
      done();
      return;
    }
    const { status } = authFailure(failure);
    setError(status === 429 ? t("throttled") : status === 401 ? t("invalid") : t("failed"));
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    const { error: failure } = useBackup
      ? await authClient.twoFactor.verifyBackupCode({ code })
      : await authClient.twoFactor.verifyTotp({ code: code.replace(/\s+/g, "") });
    setPending(false);
    if (!failure) return done();
    setError(codeError(authFailure(failure)));
  }

  function codeError({ status, code }: AuthFailure): string {
    if (status === 429) return t("throttled");
    if (status === 401 && code === "INVALID_TWO_FACTOR_COOKIE") return tf("expired");
    if (status === 401 && code === "two_factor_code_reused") return tf("reused");
    return status > 0 && status < 500 ? tf("invalid") : t("failed");
  }

  async function onPasskey() {
    setPending(true);
    setError(null);
    const { error: failure } = await authClient.signIn.passkey();
    setPending(false);
    if (!failure) return done();
    const { status, code } = authFailure(failure);
    setError(
      status === 429
        ? t("throttled")
        : code === "AUTH_CANCELLED" || code?.startsWith("ERROR_")
          ? tp("cancelled")
          : status > 0 && status < 500
            ? tp("refused")
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
      {passkeys && (
        <div className="space-y-2 border-t border-ink/20 pt-4">
          <p className="text-ink-muted">{tp("intro")}</p>
          <button
            type="button"
            onClick={() => void onPasskey()}
            disabled={pending}
            className="min-h-12 w-full rounded-lg border border-ink/30 px-4 font-semibold disabled:opacity-70"
          >
            {tp("button")}
          </button>
        </div>
      )}
    </form>
  );
}
