import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { LinkRules } from "../access-rules/schema";
import { BULK_BATCH_STATUSES, BULK_ROW_STATUSES } from "../schemas/bulk";
import { accessLinks, studios } from "./schema-core";

export { BULK_BATCH_STATUSES, BULK_ROW_STATUSES };

/**
 * A bulk issue from a CSV (issue #4): the rows are stored before any link is made, so the
 * instance that runs the batch can die at any point and another (or the same, restarted) one
 * picks it up where it stopped. `leaseUntil` keeps two instances off the same batch.
 */
export const bulkBatches = pgTable(
  "bulk_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    status: text("status", { enum: BULK_BATCH_STATUSES }).notNull().default("queued"),
    total: integer("total").notNull(),
    createdBy: text("created_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bulk_batches_status_idx").on(t.status)],
);

/**
 * One CSV row of a batch, already validated. Its link is issued with the idempotency key
 * `bulk:<batch id>:<row>`, so a row retried or resumed after a crash finds its first link
 * instead of making a second one.
 */
export const bulkBatchRows = pgTable(
  "bulk_batch_rows",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => bulkBatches.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    guestName: text("guest_name").notNull(),
    guestEmail: text("guest_email"),
    locale: text("locale").notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    /** The CSV's `external_ref` cell, carried onto the link. */
    externalRef: text("external_ref"),
    /** The row's pass type and a copy of its rules, taken when the file was checked. */
    passTypeId: uuid("pass_type_id"),
    rules: jsonb("rules").$type<LinkRules>(),
    status: text("status", { enum: BULK_ROW_STATUSES }).notNull().default("pending"),
    linkId: uuid("link_id").references(() => accessLinks.id, { onDelete: "set null" }),
    /** An API error code (lib/api/error-codes.ts) when the row failed. */
    errorCode: text("error_code"),
    attempts: integer("attempts").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.row] })],
);
