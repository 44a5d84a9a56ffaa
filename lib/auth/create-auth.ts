import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db/connect";
import * as schema from "@/lib/db/schema";

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
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 30 },
    // On in every mode (better-auth enables it only in production by default), stored in the
    // database so a second instance cannot be used to double the attempts.
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: config.signInsPerMinute } },
    },
    advanced: { cookiePrefix: "latchkey" },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
