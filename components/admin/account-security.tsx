"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import QRCode from "qrcode";
import { useState, type FormEvent } from "react";

import { addPasskey, authClient, authFailure } from "@/components/api/auth-client";
import { Button } from "@/components/ui/button";
import { ErrorAlert, LiveStatus } from "@/components/ui/feedback";
import { controlClass, TextField } from "@/components/ui/field";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { setOrganizationSecurity } from "@/lib/contracts/organizations";

type Props = {
  email: string;
  twoFactorEnabled: boolean;
  mustEnrol: boolean;
  organizations: { id: string; name: string; requireTwoFactor: boolean }[];
  /** Null where passkeys are off (the app is served on an IP address: no relying party). */
  passkeys: { id: string; name: string | null; createdAt: string | null }[] | null;
};

/** A better-auth call's outcome as this page reads it: ok, or the status that failed. */
async function outcome<T>(call: Promise<{ data: T | null; error: unknown }>) {
  const { data, error } = await call.catch((e: unknown) => ({ data: null, error: e }));
  return error ? { ok: false as const, ...authFailure(error) } : { ok: true as const, data };
}

/** The organization rule, the one call of this page outside /api/auth, by its contract. */
async function putOrganizationSecurity(organizationId: string, requireTwoFactor: boolean) {
  return callApi(setOrganizationSecurity, {
    params: { organizationId },
    body: { requireTwoFactor },
  }).then(
    () => ({ ok: true as const, status: 200 }),
    (error: unknown) => ({
      ok: false as const,
      status: error instanceof ApiRequestError ? error.status : 0,
    }),
  );
}

/** The secret of an otpauth:// URI, grouped in fours, for typing it into an app by hand. */
function secretOf(uri: string): string {
  const secret = new URL(uri).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * Two-factor enrolment and removal, backup codes, passkeys, password, sign out everywhere, the
 * org rule.
 */
export function AccountSecurity({
  email,
  twoFactorEnabled,
  mustEnrol,
  organizations,
  passkeys,
}: Props) {
  const t = useTranslations("AccountPage");
  const format = useFormatter();
  const router = useRouter();
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [setup, setSetup] = useState<{ uri: string; qr: string; backupCodes: string[] } | null>(
    null,
  );
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [enabled, setEnabled] = useState(twoFactorEnabled);

  const failed = (r: { status: number }) =>
    setError(
      r.status === 429
        ? t("throttled")
        : r.status === 400 || r.status === 401
          ? t("wrong")
          : t("failed"),
    );

  async function run(fn: () => Promise<void>) {
    setPending(true);
    setError(null);
    setStatus(null);
    await fn();
    setPending(false);
  }

  const field = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? "");

  const startEnrol = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = field(event, "enrol-password");
    void run(async () => {
      const r = await outcome(authClient.twoFactor.enable({ password }));
      if (!r.ok) return failed(r);
      const started = r.data as { totpURI?: string; backupCodes?: string[] } | null;
      const uri = String(started?.totpURI);
      const qr = await QRCode.toDataURL(uri, { margin: 1, width: 220 });
      setSetup({ uri, qr, backupCodes: started?.backupCodes ?? [] });
    });
  };

  const confirmEnrol = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = field(event, "enrol-code").replace(/\s+/g, "");
    void run(async () => {
      const r = await outcome(authClient.twoFactor.verifyTotp({ code }));
      if (!r.ok) return failed(r);
      setBackupCodes(setup?.backupCodes ?? []);
      setSetup(null);
      setEnabled(true);
      setStatus(t("enrolled"));
      router.refresh();
    });
  };

  const disable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = field(event, "disable-password");
    void run(async () => {
      const r = await outcome(authClient.twoFactor.disable({ password }));
      if (!r.ok) return failed(r);
      setEnabled(false);
      setBackupCodes(null);
      setStatus(t("disabled"));
      router.refresh();
    });
  };

  const newCodes = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = field(event, "codes-password");
    void run(async () => {
      const r = await outcome(authClient.twoFactor.generateBackupCodes({ password }));
      if (!r.ok) return failed(r);
      setBackupCodes(r.data?.backupCodes ?? []);
    });
  };

  const changePassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const currentPassword = field(event, "current-password");
    const newPassword = field(event, "new-password");
    const form = event.currentTarget;
    void run(async () => {
      // Every other session ends: whoever else knew the old password is signed out too.
      const r = await outcome(
        authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: true }),
      );
      if (!r.ok) return failed(r);
      form.reset();
      setStatus(t("passwordChanged"));
    });
  };

  const signOutEverywhere = () =>
    void run(async () => {
      const r = await outcome(authClient.revokeSessions());
      if (!r.ok) return failed(r);
      router.push("/sign-in");
      router.refresh();
    });

  const setRequired = (organizationId: string, requireTwoFactor: boolean) =>
    void run(async () => {
      const r = await putOrganizationSecurity(organizationId, requireTwoFactor);
      if (!r.ok) return failed(r);
      setStatus(requireTwoFactor ? t("requiredOn") : t("requiredOff"));
      router.refresh();
    });

  const startAddPasskey = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = field(event, "passkey-name").trim();
    const password = field(event, "passkey-password");
    const form = event.currentTarget;
    void run(async () => {
      const r = await addPasskey(name, password);
      if (!r.ok) return r.cancelled ? setError(t("passkeyCancelled")) : failed(r.failure);
      form.reset();
      setStatus(t("passkeyAdded", { name }));
      router.refresh();
    });
  };

  const removePasskey = (event: FormEvent<HTMLFormElement>, id: string, name: string) => {
    event.preventDefault();
    const password = field(event, "remove-passkey-password");
    void run(async () => {
      const r = await outcome(
        authClient.$fetch("/passkey/delete-passkey", { method: "POST", body: { id, password } }),
      );
      if (!r.ok) return failed(r);
      setRemoving(null);
      setStatus(t("passkeyRemoved", { name }));
      router.refresh();
    });
  };

  const passkeyName = (p: { name: string | null }) => p.name ?? t("passkeyUnnamed");

  const passwordField = (id: string, label = t("password"), autoComplete = "current-password") => (
    <TextField
      id={id}
      name={id}
      label={label}
      type="password"
      autoComplete={autoComplete}
      required
    />
  );

  return (
    <div className="max-w-xl space-y-8">
      <p className="text-ink-muted">{t("signedInAs", { email })}</p>
      {mustEnrol && (
        <p role="alert" className="rounded-lg border border-red-800 p-3 font-medium text-red-800">
          {t("mustEnrol")}
        </p>
      )}
      <ErrorAlert error={error} />
      <LiveStatus>{status}</LiveStatus>

      <section aria-labelledby="two-factor-heading" className="space-y-3">
        <h2 id="two-factor-heading" className="text-xl font-semibold">
          {t("twoFactorHeading")}
        </h2>
        <p>{enabled ? t("twoFactorOn") : t("twoFactorOff")}</p>
        {!enabled && !setup && (
          <form onSubmit={startEnrol} className="space-y-2">
            {passwordField("enrol-password")}
            <Button type="submit" variant="primary" disabled={pending}>
              {t("enrol")}
            </Button>
          </form>
        )}
        {setup && (
          <form onSubmit={confirmEnrol} className="space-y-3">
            <p>{t("scan")}</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn here */}
            <img src={setup.qr} alt={t("qrAlt")} width={220} height={220} />
            <p className="text-sm">
              {t("manualKey")}{" "}
              <code className="font-mono break-all" data-testid="totp-secret">
                {secretOf(setup.uri)}
              </code>
            </p>
            <label htmlFor="enrol-code" className="block font-medium">
              {t("code")}
            </label>
            <input
              id="enrol-code"
              name="enrol-code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              className={controlClass}
            />
            <Button type="submit" variant="primary" disabled={pending}>
              {t("confirm")}
            </Button>
          </form>
        )}
        {backupCodes && (
          <div className="space-y-2 rounded-lg border border-ink/20 p-3">
            <p className="font-medium">{t("backupCodesIntro")}</p>
            <ul className="grid grid-cols-2 gap-1 font-mono" aria-label={t("backupCodes")}>
              {backupCodes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
          </div>
        )}
        {enabled && (
          <div className="space-y-4">
            <form onSubmit={newCodes} className="space-y-2">
              {passwordField("codes-password")}
              <Button type="submit" disabled={pending}>
                {t("newBackupCodes")}
              </Button>
            </form>
            <form onSubmit={disable} className="space-y-2">
              {passwordField("disable-password")}
              <Button type="submit" variant="danger" disabled={pending}>
                {t("disable")}
              </Button>
            </form>
          </div>
        )}
      </section>

      <section aria-labelledby="passkeys-heading" className="space-y-3">
        <h2 id="passkeys-heading" className="text-xl font-semibold">
          {t("passkeysHeading")}
        </h2>
        <p>{t("passkeysIntro")}</p>
        {passkeys === null ? (
          <p className="text-ink-muted">{t("passkeysUnavailable")}</p>
        ) : (
          <>
            {passkeys.length === 0 ? (
              <p className="text-ink-muted">{t("passkeysNone")}</p>
            ) : (
              <ul className="space-y-2" aria-label={t("passkeysList")}>
                {passkeys.map((p) => (
                  <li key={p.id} className="space-y-2 rounded-lg border border-ink/20 p-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <div>
                        <p className="font-medium break-words">{passkeyName(p)}</p>
                        {p.createdAt && (
                          <p className="text-sm text-ink-muted">
                            {t("passkeyAddedOn", {
                              date: format.dateTime(new Date(p.createdAt), { dateStyle: "medium" }),
                            })}
                          </p>
                        )}
                      </div>
                      {removing !== p.id && (
                        <Button
                          onClick={() => setRemoving(p.id)}
                          disabled={pending}
                          aria-label={t("removePasskeyNamed", { name: passkeyName(p) })}
                        >
                          {t("removePasskey")}
                        </Button>
                      )}
                    </div>
                    {removing === p.id && (
                      <form
                        onSubmit={(e) => removePasskey(e, p.id, passkeyName(p))}
                        className="space-y-2"
                      >
                        {passwordField("remove-passkey-password")}
                        <div className="flex flex-wrap gap-2">
                          <Button type="submit" variant="danger" disabled={pending}>
                            {t("confirmRemovePasskey")}
                          </Button>
                          <Button onClick={() => setRemoving(null)} disabled={pending}>
                            {t("cancel")}
                          </Button>
                        </div>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={startAddPasskey} className="space-y-2">
              <TextField
                id="passkey-name"
                name="passkey-name"
                label={t("passkeyName")}
                hint={t("passkeyNameHint")}
                required
                maxLength={64}
                autoComplete="off"
              />
              {passwordField("passkey-password")}
              <Button type="submit" variant="primary" disabled={pending}>
                {t("addPasskey")}
              </Button>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-xl font-semibold">
          {t("passwordHeading")}
        </h2>
        <form onSubmit={changePassword} className="space-y-2">
          {passwordField("current-password", t("currentPassword"))}
          {passwordField("new-password", t("newPassword"), "new-password")}
          <p className="text-sm text-ink-muted">{t("newPasswordHint")}</p>
          <Button type="submit" disabled={pending}>
            {t("changePassword")}
          </Button>
        </form>
      </section>

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t("sessionsHeading")}
        </h2>
        <p>{t("sessionsIntro")}</p>
        <Button variant="danger" onClick={signOutEverywhere} disabled={pending}>
          {t("signOutEverywhere")}
        </Button>
      </section>

      {organizations.length > 0 && (
        <section aria-labelledby="org-heading" className="space-y-3">
          <h2 id="org-heading" className="text-xl font-semibold">
            {t("organizationHeading")}
          </h2>
          {organizations.map((o) => (
            <label key={o.id} className="flex min-h-11 items-center gap-3">
              <input
                type="checkbox"
                className="size-5"
                defaultChecked={o.requireTwoFactor}
                disabled={pending}
                onChange={(e) => setRequired(o.id, e.target.checked)}
              />
              <span>{t("requireTwoFactor", { organization: o.name })}</span>
            </label>
          ))}
          <p className="text-sm text-ink-muted">{t("requireTwoFactorHint")}</p>
        </section>
      )}
    </div>
  );
}
