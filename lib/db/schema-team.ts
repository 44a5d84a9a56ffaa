import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth-schema";
import { INVITABLE_ROLES, type InvitableRole } from "../schemas/team";
import { organizations, studios } from "./schema-core";

export { INVITABLE_ROLES, type InvitableRole };

/**
 * An invitation to work at one studio. The token in /invite/<token> is stored only as its
 * SHA-256 (a database copy cannot be used to join a studio); it is single use (`accepted_at`),
 * can be revoked, and expires after 7 days. Resending issues a new token, so an old email stops
 * working.
 */
export const staffInvitations = pgTable(
  "staff_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** Lower-cased: it is compared with the account's email on acceptance. */
    email: text("email").notNull(),
    role: text("role", { enum: INVITABLE_ROLES }).notNull(),
    /** The invitee's language, for the email and as a hint for the accept page. */
    locale: text("locale").notNull(),
    invitedBy: text("invited_by").references(() => user.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: text("accepted_by").references(() => user.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("staff_invitations_studio_idx").on(t.studioId, t.createdAt),
    check("staff_invitations_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);
