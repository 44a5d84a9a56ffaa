import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth-schema";
import { organizations, studios } from "./schema-core";

// Here without drizzle too, so the dashboard can name the kinds (lib/schemas/staff-audit.ts).
export { STAFF_CHANGE_KINDS, type StaffChangeKind } from "../schemas/staff-audit";
import type { StaffChangeKind } from "../schemas/staff-audit";

/** Before and after of each changed field; secrets are never values here (see lib/staff-audit). */
export type StaffChangeFields = Record<string, { before: unknown; after: unknown }>;

/**
 * The staff audit (issue #15): one row per change to a studio's settings, Kisi key and group,
 * geofence, doors, team, API tokens or the organization's brand templates, written in the same
 * transaction as the change, so a change without its record (or a record of a change that was
 * rolled back) cannot exist. Rows are never updated; an account that goes keeps its rows, with
 * the name it had (actor_name).
 */
export const staffAudit = pgTable(
  "staff_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Null for organization-wide changes (brand templates), which only owners see. */
    studioId: uuid("studio_id").references(() => studios.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id").references(() => user.id, { onDelete: "set null" }),
    /** `user`, `api_token` or `system` (the CLI, the demo seed). */
    actorKind: text("actor_kind").notNull(),
    /** The name (or API token name) at the time, so the record survives the account. */
    actorName: text("actor_name"),
    kind: text("kind").$type<StaffChangeKind>().notNull(),
    /** What was done, e.g. `updated`, `replaced`, `created`, `removed`, `role_changed`. */
    action: text("action").notNull(),
    /** What it was done to, when the kind has many: a door, a person, a token, a template. */
    subject: text("subject"),
    changes: jsonb("changes").$type<StaffChangeFields>().notNull().default({}),
    /** Keyed hash of the client address, like the unlock audit's: comparable, not reversible. */
    ipHash: text("ip_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("staff_audit_studio_idx").on(t.studioId, t.createdAt, t.id),
    index("staff_audit_org_idx").on(t.organizationId, t.createdAt, t.id),
  ],
);
