/**
 * An outbox email's life: queued, being sent, delivered (or captured by the demo), failed and
 * retried, or given up on. Its own module so the browser's contracts can name the statuses
 * without importing the database schema.
 */
export const EMAIL_STATUSES = ["pending", "sending", "sent", "captured", "failed", "dead"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
