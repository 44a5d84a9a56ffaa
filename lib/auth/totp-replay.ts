import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { symmetricDecrypt } from "better-auth/crypto";
import type { BetterAuthPlugin } from "better-auth";
import { createOTP } from "@better-auth/utils/otp";
import { base32 } from "@better-auth/utils/base32";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";
import { totpLastStep, twoFactor } from "@/lib/db/schema";

/** better-auth's error code for a replayed code; the auth route answers it as our own code. */
export const TOTP_REUSED_CODE = "TOTP_CODE_REUSED";

/** What better-auth's TOTP check accepts: 30 s steps, the current one and one either side. */
const PERIOD_S = 30;
const WINDOW = 1;

/**
 * Refuses a TOTP code whose time step is not later than the last one this person used. better-
 * auth keeps no record of used codes, so a code seen once (over a shoulder, in a screen
 * recording, by a phishing proxy) opened a second session for up to 90 s. This runs before
 * better-auth's own check on POST /two-factor/verify-totp (sign-in and enrolment alike): it
 * finds which step the code belongs to and claims that step in one conditional upsert, so two
 * requests racing with the same code cannot both pass. A code that matches no step is left to
 * better-auth, which counts it as a failure as before. No `server-only`: createAuth runs in the
 * CLI too.
 */
export function totpReplayGuard(db: Db): BetterAuthPlugin {
  return {
    id: "latchkey-totp-replay",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/two-factor/verify-totp",
          handler: createAuthMiddleware(async (ctx) => {
            const code = (ctx.body as { code?: unknown } | undefined)?.code;
            if (typeof code !== "string") return;
            const userId = await pendingUserId(ctx);
            if (!userId) return; // better-auth answers the missing session or cookie itself
            const [row] = await db
              .select({ secret: twoFactor.secret })
              .from(twoFactor)
              .where(eq(twoFactor.userId, userId));
            if (!row) return;
            const step = await matchingStep(
              await decryptSecret(ctx.context.secretConfig, row.secret),
              code,
            );
            if (step === null) return;
            if (!(await claimStep(db, userId, step)))
              throw new APIError("UNAUTHORIZED", {
                code: TOTP_REUSED_CODE,
                message: "This code was used already; wait for the next one.",
              });
          }),
        },
      ],
    },
  };
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * Whose code this is: the signed-in person (enrolment), or the one whose password step left the
 * signed two-factor cookie (sign-in), read the way better-auth's own check reads it.
 */
async function pendingUserId(ctx: HookContext): Promise<string | null> {
  const session = await getSessionFromCtx(ctx).catch(() => null);
  if (session) return session.user.id;
  const cookie = ctx.context.createAuthCookie("two_factor");
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const pending = await ctx.context.internalAdapter.findVerificationValue(identifier);
  return pending?.value ?? null;
}

/** The stored secret as better-auth decrypts it (imported secrets are kept as `base32:…`). */
async function decryptSecret(
  key: HookContext["context"]["secretConfig"],
  data: string,
): Promise<string | Uint8Array> {
  const secret = await symmetricDecrypt({ key, data });
  return secret.startsWith("base32:") ? base32.decode(secret.slice(7).toUpperCase()) : secret;
}

/** The step (of those better-auth accepts now) whose code this is, or null. */
export async function matchingStep(
  secret: string | Uint8Array,
  code: string,
  now = Date.now(),
): Promise<number | null> {
  const otp = createOTP(secret as string, { period: PERIOD_S, digits: 6 });
  const current = Math.floor(now / 1000 / PERIOD_S);
  for (let step = current + WINDOW; step >= current - WINDOW; step--)
    if ((await otp.hotp(step)) === code) return step;
  return null;
}

/** Records `step` as used unless it is not later than the last one: true when this claim won. */
async function claimStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .insert(totpLastStep)
    .values({ userId, step, usedAt: new Date() })
    .onConflictDoUpdate({
      target: totpLastStep.userId,
      set: { step: sql`excluded.step`, usedAt: sql`excluded.used_at` },
      setWhere: and(lt(totpLastStep.step, step), eq(totpLastStep.userId, userId)),
    })
    .returning({ step: totpLastStep.step });
  return claimed.length === 1;
}
