import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth-schema";
import { organizations } from "./schema-core";

/**
 * better-auth's two-factor table (names and fields as its plugin expects): the TOTP secret and
 * the backup codes, both encrypted by better-auth with AUTH_SECRET, never returned.
 */
export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    verified: boolean("verified").default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("two_factor_user_idx").on(t.userId), index("two_factor_secret_idx").on(t.secret)],
);

/**
 * better-auth's passkey table (names and fields as @better-auth/passkey expects): one WebAuthn
 * credential per row — its id, its public key (a passkey's private key never leaves the
 * person's device, so nothing here can sign in if read), the signature counter and what the
 * authenticator said about itself. `name` is what the person called it on the account page.
 */
export const passkey = pgTable(
  "passkey",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    createdAt: timestamp("created_at", { withTimezone: true }),
    aaguid: text("aaguid"),
  },
  (t) => [
    index("passkey_user_idx").on(t.userId),
    // Sign-in looks a credential up by its id; one credential belongs to one account.
    uniqueIndex("passkey_credential_id_idx").on(t.credentialID),
  ],
);

/**
 * The last TOTP time step (Unix time / 30 s) each person signed in or enrolled with. better-auth
 * accepts a code for its own step and one either side, so without this a code seen over a
 * shoulder or in a recording worked again for up to 90 s; a code is now accepted only for a step
 * later than the last one used (lib/auth/totp-replay.ts).
 */
export const totpLastStep = pgTable("totp_last_step", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  step: bigint("step", { mode: "number" }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The per-account sign-in throttle (lib/auth/sign-in-throttle.ts). Keys never hold an email or
 * an address in clear: `pair:<account>:<address>`, `account:<account>` and `known:<account>:
 * <address>` are keyed hashes. Rows decay: one untouched for an hour starts again from zero.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An organization's security settings, decided by its owners. */
export const organizationSecurity = pgTable("organization_security", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** Every owner, manager and front-desk member must have two-factor sign-in. */
  requireTwoFactor: boolean("require_two_factor").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
