/**
 * The better-auth endpoints served over HTTP. better-auth mounts dozens (sign-up, password
 * reset, account linking, user deletion…); Latchkey needs these, and every other one is a 404 so
 * a feature enabled by a library upgrade never becomes reachable by accident.
 */
const EXPOSED = new Set([
  "POST /api/auth/sign-in/email",
  "POST /api/auth/sign-out",
  "GET /api/auth/get-session",
  // The account page: sign out everywhere, a new password (ending every other session).
  "POST /api/auth/revoke-sessions",
  "POST /api/auth/change-password",
  // Two-factor: enrol (enable, then verify-totp with the first code), sign in with a code or a
  // backup code, new backup codes, turn off. Each one that changes something needs the password.
  "POST /api/auth/two-factor/enable",
  "POST /api/auth/two-factor/disable",
  "POST /api/auth/two-factor/verify-totp",
  "POST /api/auth/two-factor/verify-backup-code",
  "POST /api/auth/two-factor/generate-backup-codes",
  // Passkeys (where the public origin allows them, see lib/auth/relying-party.ts): add one
  // (options, then the authenticator's answer with the password), sign in with one (options,
  // then the signed assertion), list and remove (with the password). Renaming is not offered.
  "GET /api/auth/passkey/generate-register-options",
  "POST /api/auth/passkey/verify-registration",
  "GET /api/auth/passkey/generate-authenticate-options",
  "POST /api/auth/passkey/verify-authentication",
  "GET /api/auth/passkey/list-user-passkeys",
  "POST /api/auth/passkey/delete-passkey",
]);

export function isExposedAuthPath(method: string, pathname: string): boolean {
  return EXPOSED.has(`${method} ${pathname.replace(/\/+$/, "")}`);
}
