import {
  customType,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { PassTypeInput } from "../access-rules/schema";
import { organizations } from "./schema-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // node-postgres gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A franchise's brand template (issue #4): branding an owner keeps once and copies onto any
 * studio of the organization. Applying copies the values, so a later edit of the template never
 * changes a studio behind its managers' backs (each studio keeps its own overrides).
 */
export const brandTemplates = pgTable(
  "brand_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // The logo travels with the template as bytes (checked like a studio logo when it was taken).
    logoContentType: text("logo_content_type", {
      enum: ["image/png", "image/jpeg", "image/webp"],
    }),
    logoBytes: bytea("logo_bytes"),
    primaryColor: text("primary_color").notNull(),
    accentColor: text("accent_color").notNull(),
    senderName: text("sender_name"),
    replyTo: text("reply_to"),
    supportEmail: text("support_email"),
    supportPhone: text("support_phone"),
    /** A franchise's pass types (issue #13), copied onto a studio with the rest of the template. */
    passTypes: jsonb("pass_types").$type<PassTypeInput[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("brand_templates_org_idx").on(t.organizationId),
    unique("brand_templates_org_name_uq").on(t.organizationId, t.name),
  ],
);
