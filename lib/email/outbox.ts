import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { EMAIL_KINDS, emailOutbox } from "@/lib/db/schema";
import { redactString } from "@/lib/log/redact";
import { recordEmailEvent } from "@/lib/webhooks/email-events";

export type ClaimedEmail = {
  id: string;
  kind: (typeof EMAIL_KINDS)[number];
  /** Set for `access_link` rows. */
  linkId: string | null;
  /** Set for `staff_invitation` rows, with the invitation's sealed token. */
  invitationId: string | null;
  tokenCiphertext: string | null;
  /** Set for `webhook_disabled` rows. */
  webhookEndpointId: string | null;
  recipient: string;
  locale: string;
  attempts: number;
  createdAt: Date;
};

/** Retry after 1, 2, 4 … minutes, at most an hour apart; give up a day after the email was queued. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/**
 * Claims due emails for this worker (SECURITY.md K-2): `FOR UPDATE SKIP LOCKED`, so N instances
 * never take the same row, and a lease, so a row a crashed worker held is taken again later.
 */
export async function claimDueEmails(
  db: Db,
  options: { limit: number; leaseMs: number; now: Date },
): Promise<ClaimedEmail[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await queryRows<{
    id: string;
    kind: string;
    link_id: string | null;
    invitation_id: string | null;
    token_ciphertext: string | null;
    webhook_endpoint_id: string | null;
    recipient: string;
    locale: string;
    attempts: number;
    created_at: string | Date;
  }>(
    db,
    sql`update email_outbox set status = 'sending', locked_until = ${leaseUntil}, attempts = attempts + 1, updated_at = ${options.now}
        where id in (
          select id from email_outbox
          where (status in ('pending', 'failed') and next_attempt_at <= ${options.now})
             or (status = 'sending' and locked_until < ${options.now})
          order by next_attempt_at
          limit ${options.limit}
          for update skip locked
        )
        returning id, kind, link_id, invitation_id, token_ciphertext, webhook_endpoint_id, recipient, locale, attempts, created_at`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: (EMAIL_KINDS as readonly string[]).includes(r.kind)
      ? (r.kind as ClaimedEmail["kind"])
      : "access_link",
    linkId: r.link_id,
    invitationId: r.invitation_id,
    tokenCiphertext: r.token_ciphertext,
    webhookEndpointId: r.webhook_endpoint_id,
    recipient: r.recipient,
    locale: r.locale,
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at),
  }));
}

export async function markDelivered(
  db: Db,
  email: ClaimedEmail,
  result: { status: "sent" | "captured"; messageId: string; subject: string; now: Date },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(emailOutbox)
      .set({
        status: result.status,
        messageId: result.messageId,
        subject: result.subject,
        sentAt: result.now,
        lockedUntil: null,
        lastError: null,
        // A delivered invitation needs its token no more: only its hash remains.
        tokenCiphertext: null,
        updatedAt: result.now,
      })
      .where(eq(emailOutbox.id, email.id));
    await recordEmailEvent(tx, email, { status: result.status, error: null, now: result.now });
  });
}

/** Records a failed attempt: retried later with backoff, or `dead` once a day has passed. */
export async function markFailed(
  db: Db,
  email: ClaimedEmail,
  error: unknown,
  now: Date,
): Promise<"failed" | "dead"> {
  const dead = now.getTime() - email.createdAt.getTime() >= GIVE_UP_AFTER_MS;
  const message = redactString(error instanceof Error ? error.message : String(error)).slice(
    0,
    500,
  );
  await db.transaction(async (tx) => {
    await tx
      .update(emailOutbox)
      .set({
        status: dead ? "dead" : "failed",
        lastError: message,
        ...(dead ? { tokenCiphertext: null } : {}),
        lockedUntil: null,
        nextAttemptAt: new Date(now.getTime() + backoffMs(email.attempts)),
        updatedAt: now,
      })
      .where(eq(emailOutbox.id, email.id));
    // email.failed once, when the outbox gives up: a retry that later succeeds is email.sent.
    if (dead) await recordEmailEvent(tx, email, { status: "dead", error: message, now });
  });
  return dead ? "dead" : "failed";
}

/**
 * What the outbox still owes, for GET /api/metrics: emails neither delivered nor given up, and
 * how long the oldest of them has waited (0 when none).
 */
export async function outboxBacklog(
  db: Db,
  now: Date,
): Promise<{ count: number; oldestAgeSeconds: number }> {
  const [row] = await queryRows<{ count: number | string; oldest: string | Date | null }>(
    db,
    sql`select count(*) as count, min(created_at) as oldest from email_outbox
        where status in ('pending', 'sending', 'failed')`,
  );
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return {
    count: Number(row?.count ?? 0),
    oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}
