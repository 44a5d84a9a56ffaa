import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db/connect";
import * as schema from "@/lib/db/schema";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";
import { passkeyPlugins } from "./passkeys";
import { relyingPartyOf } from "./relying-party";
import { totpReplayGuard } from "./totp-replay";

/**
 * better-auth, configured for Latchkey: email + password, sessions and sign-in throttling in
 * PostgreSQL (shared by every instance). No `server-only` so the demo CLI can create the demo
 * owner with the same configuration the server uses.
 */
export function createAuth(
  db: Db,
  config: Pick<Config, "appOrigin" | "authSecret" | "signInsPerMinute">,
  options: { allowSignUp?: boolean } = {},
) {
  // Passkeys where the public origin allows them (a host name, not an IP address).
  const relyingParty = relyingPartyOf(config.appOrigin);
  return betterAuth({
    appName: "Latchkey",
    baseURL: config.appOrigin,
    secret: config.authSecret,
    trustedOrigins: [config.appOrigin],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
        twoFactor: schema.twoFactor,
        passkey: schema.passkey,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Only provisioning code (first owner, demo seed, accepted invitations) creates accounts,
      // with its own instance; the server's instance refuses sign-up even if it were routed.
      disableSignUp: !options.allowSignUp,
      minPasswordLength: 12,
      maxPasswordLength: 128,
    },
    session: { expiresIn: SESSION_IDLE_SECONDS, updateAge: 60 * 30 },
    // On in every mode (better-auth enables it only in production by default), stored in the
    // database so a second instance cannot be used to double the attempts.
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: config.signInsPerMinute },
        // Codes are 6 digits: the plugin also locks a user's TOTP after repeated failures.
        "/two-factor/*": { window: 60, max: 10 },
        "/change-password": { window: 60, max: 5 },
        // Each options request writes a challenge row: enough for people, not for a flood.
        "/passkey/*": { window: 60, max: 20 },
      },
    },
    advanced: {
      ...sessionCookies(config.appOrigin),
      // The one address the server wrapper derived (lib/server/client-address.ts), never
      // X-Forwarded-For: better-auth's own reading shares one bucket among every request whose
      // header has two or more entries (a proxy chain), so five failures from anyone behind it
      // locked every account out, and a forged single entry got a fresh bucket per request.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    plugins: [
      // TOTP (an authenticator app) with backup codes, for staff (issue #15). Secrets and codes
      // are stored encrypted with AUTH_SECRET by better-auth; a pending sign-in lives 10 minutes.
      twoFactor({
        issuer: "Latchkey",
        backupCodeOptions: { amount: 10, length: 10 },
        // A device is never remembered: every sign-in asks for the second factor again.
        trustDeviceMaxAge: 1,
      }),
      // A TOTP code works once: its time step is recorded, and the same or an earlier one refused.
      totpReplayGuard(db),
      ...(relyingParty ? passkeyPlugins(relyingParty) : []),
    ],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** How long a session lives without use (better-auth slides it forward while in use)… */
export const SESSION_IDLE_SECONDS = 60 * 60 * 12;
/** …and at most, however active: a stolen session cookie stops working within a day. */
export const SESSION_ABSOLUTE_SECONDS = 60 * 60 * 24;

/**
 * Over https the session cookie is `__Host-` prefixed (SECURITY.md E): Secure, Path=/, no Domain,
 * so no sibling subdomain can set or shadow it. Over plain http (the loopback demo) browsers
 * refuse prefixed and Secure cookies, so the demo uses the plain name.
 */
export function sessionCookies(appOrigin: string) {
  if (!appOrigin.startsWith("https://")) return { cookiePrefix: "latchkey" };
  const hostOnly = (name: string) => ({
    name: `__Host-latchkey.${name}`,
    attributes: { secure: true, path: "/" },
  });
  return {
    cookiePrefix: "latchkey",
    // Our own prefix instead of better-auth's `__Secure-`, which allows a Domain attribute.
    useSecureCookies: false,
    defaultCookieAttributes: { secure: true, path: "/" },
    cookies: {
      session_token: hostOnly("session_token"),
      session_data: hostOnly("session_data"),
      dont_remember: hostOnly("dont_remember"),
      two_factor: hostOnly("two_factor"),
      trust_device: hostOnly("trust_device"),
      passkey_challenge: hostOnly("passkey_challenge"),
    },
  };
}
