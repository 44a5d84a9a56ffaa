import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { LinkRules } from "../access-rules/schema";
import { LOCALES } from "../i18n/locales";
import { studios } from "./schema-core";

/**
 * A studio's pass types (issue #13): named presets of access rules with a default window length
 * and language ("Trial class: 1 visit, valid 14 days"). A link issued with one copies its rules,
 * so editing a pass type never changes links already out with guests.
 */
export const passTypes = pgTable(
  "pass_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // Validated by linkRulesSchema on every write.
    rules: jsonb("rules").$type<LinkRules>().notNull(),
    windowMinutes: integer("window_minutes").notNull(),
    locale: text("locale", { enum: LOCALES }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("pass_types_studio_idx").on(t.studioId),
    unique("pass_types_studio_name_uq").on(t.studioId, t.name),
    check("pass_types_window_positive", sql`${t.windowMinutes} > 0`),
  ],
);
