import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth-schema";
import { studios } from "./schema-core";

/**
 * Studio API tokens for booking systems (issue #4). The token itself is shown once at creation
 * and never stored: only its SHA-256 (it is 256 random bits, so a plain hash is enough,
 * SECURITY.md A-2) and a short prefix that lets a manager tell tokens apart.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the token (`lk_` + 6), for display only: not enough to guess it. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The manager who created it; kept (as null) when their account goes. */
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute, so a busy integration does not write on every call. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_studio_idx").on(t.studioId, t.createdAt)],
);
