"use client";

import { passkeyClient } from "@better-auth/passkey/client";
import { startRegistration } from "@simplewebauthn/browser";
import { createAuthClient } from "better-auth/client";
import { twoFactorClient } from "better-auth/client/plugins";

/**
 * better-auth's browser client for /api/auth/*: the dashboard's one way to sign in and out, run
 * two-factor and passkeys (the app's own API goes through lib/contracts/client.ts). Same
 * origin, the session in its HttpOnly cookie.
 */
export const authClient = createAuthClient({
  plugins: [twoFactorClient(), passkeyClient()],
});

/** What a failed call left: its HTTP status (0: no answer) and the stable code, if any. */
export type AuthFailure = { status: number; code: string | null };

/**
 * A failed better-auth call as one shape: better-auth's own answers carry `code` at the top,
 * ours (lib/api/errors) carry `{ error: { code } }`.
 */
export function authFailure(error: unknown): AuthFailure {
  const e = (error ?? {}) as { status?: number; code?: unknown; error?: { code?: unknown } };
  const code = typeof e.error?.code === "string" ? e.error.code : e.code;
  return { status: e.status ?? 0, code: typeof code === "string" ? code : null };
}

/**
 * Adds a passkey: options from the server, the browser's ceremony (the authenticator creates
 * the key pair and verifies the person), then the answer with the name and the person's
 * password. Not the plugin's addPasskey, whose body cannot carry the password that
 * lib/auth/passkeys.ts asks for.
 */
export async function addPasskey(
  name: string,
  password: string,
): Promise<{ ok: true } | { ok: false; failure: AuthFailure; cancelled?: boolean }> {
  const options = await authClient.$fetch("/passkey/generate-register-options", {
    method: "GET",
  });
  if (options.error) return { ok: false, failure: authFailure(options.error) };
  let response;
  try {
    response = await startRegistration({ optionsJSON: options.data as never });
  } catch {
    // Cancelled, timed out, or this authenticator already holds a passkey for the account.
    return { ok: false, failure: { status: 0, code: null }, cancelled: true };
  }
  const { clientExtensionResults: _unused, ...answer } = response;
  void _unused;
  const verified = await authClient.$fetch("/passkey/verify-registration", {
    method: "POST",
    body: { response: answer, name, password },
  });
  return verified.error ? { ok: false, failure: authFailure(verified.error) } : { ok: true };
}
