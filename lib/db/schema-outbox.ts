import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { EMAIL_STATUSES } from "../schemas/email-status";
import { accessLinks, studios, timestamps } from "./schema-core";
import { staffInvitations } from "./schema-team";
import { webhookEndpoints } from "./schema-webhooks";

export const EMAIL_KINDS = ["access_link", "staff_invitation", "webhook_disabled"] as const;

/**
 * Transactional outbox (SECURITY.md K-1/K-2): written in the same transaction as the link or
 * invitation, claimed by workers with FOR UPDATE SKIP LOCKED, retried with backoff. Each row
 * is about exactly one thing: an access link, a staff invitation, or a webhook endpoint Latchkey
 * disabled (the CHECK below).
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    linkId: uuid("link_id").references(() => accessLinks.id, { onDelete: "cascade" }),
    invitationId: uuid("invitation_id").references(() => staffInvitations.id, {
      onDelete: "cascade",
    }),
    /** For `webhook_disabled`: the endpoint Latchkey disabled, told to a studio manager. */
    webhookEndpointId: uuid("webhook_endpoint_id").references(() => webhookEndpoints.id, {
      onDelete: "cascade",
    }),
    /**
     * An invitation's token, encrypted and bound to this row, until the email is delivered or
     * given up: the invitation itself keeps only the token's hash, so the worker could not
     * rebuild the URL otherwise. Cleared as soon as the row is finished.
     */
    tokenCiphertext: text("token_ciphertext"),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: EMAIL_KINDS }).notNull().default("access_link"),
    recipient: text("recipient").notNull(),
    locale: text("locale").notNull(),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    // Filled when sent or captured (demo mode shows captured emails in the dashboard).
    subject: text("subject"),
    htmlBody: text("html_body"),
    textBody: text("text_body"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_link_idx").on(t.linkId),
    // The Emails tab's keyset pages, newest first (lib/outbox/list-emails.ts).
    index("email_outbox_studio_created_idx").on(
      t.studioId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("email_outbox_invitation_idx").on(t.invitationId),
    check(
      "email_outbox_subject",
      sql`(${t.kind} = 'access_link' and ${t.linkId} is not null and ${t.invitationId} is null)
       or (${t.kind} = 'staff_invitation' and ${t.invitationId} is not null and ${t.linkId} is null)
       or (${t.kind} = 'webhook_disabled' and ${t.webhookEndpointId} is not null and ${t.linkId} is null and ${t.invitationId} is null)`,
    ),
  ],
);
