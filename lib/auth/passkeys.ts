import { passkey } from "@better-auth/passkey";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import type { RelyingParty } from "./relying-party";

/** better-auth's error code when a passkey ceremony lacked user verification (PIN, biometrics). */
export const PASSKEY_UNVERIFIED_CODE = "PASSKEY_USER_NOT_VERIFIED";

/** The paths that change someone's passkeys: each needs their password, as two-factor does. */
export const PASSKEY_CHANGES = ["/passkey/verify-registration", "/passkey/delete-passkey"];

/**
 * Passkeys for staff sign-in (issue #15), via better-auth's plugin, for the relying party the
 * public origin gives (relying-party.ts). What this adds to the plugin:
 *
 * - the origin is the configured one, never the request's Origin header (the plugin's default);
 * - user verification is required, at registration and at every sign-in: a passkey sign-in
 *   stands for two factors (the device, and the PIN or biometrics that unlock it) and so skips
 *   the TOTP step, which is only honest if the authenticator really verified the person;
 * - adding or removing a passkey asks for the password (as turning two-factor on or off does):
 *   a stolen session alone cannot plant a passkey that outlives it.
 *
 * The challenge lives 5 minutes in a signed, HttpOnly cookie plus a verification row, spent on
 * use. No `server-only`: createAuth runs in the CLI too.
 */
export function passkeyPlugins(rp: RelyingParty): BetterAuthPlugin[] {
  return [
    passkey({
      rpID: rp.id,
      rpName: "Latchkey",
      origin: rp.origin,
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
      registration: {
        afterVerification: ({ verification }) => {
          if (!verification.registrationInfo?.userVerified) throw unverified();
        },
      },
      authentication: {
        afterVerification: ({ verification }) => {
          if (!verification.authenticationInfo.userVerified) throw unverified();
        },
      },
      advanced: { webAuthnChallengeCookie: "passkey_challenge" },
    }) as BetterAuthPlugin,
    passkeyPasswordGuard(),
  ];
}

function unverified() {
  return new APIError("UNAUTHORIZED", {
    code: PASSKEY_UNVERIFIED_CODE,
    message: "The passkey did not verify who is using it (PIN or biometrics).",
  });
}

/** Refuses a passkey change unless the body carries the signed-in person's password. */
function passkeyPasswordGuard(): BetterAuthPlugin {
  return {
    id: "latchkey-passkey-password",
    hooks: {
      before: [
        {
          matcher: (ctx) => PASSKEY_CHANGES.includes(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const session = await getSessionFromCtx(ctx).catch(() => null);
            if (!session) return; // the endpoint answers a missing session itself
            const password = (ctx.body as { password?: unknown } | undefined)?.password;
            const account = await ctx.context.internalAdapter.findCredentialAccount(
              session.user.id,
            );
            const valid =
              typeof password === "string" &&
              password.length <= 128 &&
              !!account?.password &&
              (await ctx.context.password.verify({ hash: account.password, password }));
            if (!valid)
              throw new APIError("BAD_REQUEST", {
                code: "INVALID_PASSWORD",
                message: "Invalid password",
              });
          }),
        },
      ],
    },
  };
}
