import "server-only";
import { log } from "@/lib/log/logger";
import { every } from "@/lib/jobs/every";
import { composeAccessEmail, type ComposeDeps } from "./compose-access-email";
import { composeInvitationEmail } from "./compose-invitation-email";
import { composeWebhookDisabledEmail } from "./compose-webhook-disabled-email";
import { claimDueEmails, markDelivered, markFailed, type ClaimedEmail } from "./outbox";
import type { MailSender } from "./smtp";

/** `send: null` is capture mode: emails are composed and marked `captured`, never sent. */
export type OutboxDeps = ComposeDeps & { send: MailSender | null; now?: () => Date };

const LEASE_MS = 2 * 60_000;

/**
 * One pass over due emails. An SMTP outage delays an email, never loses it: the row stays and
 * is retried with backoff, and the link works meanwhile (the admin can copy it).
 */
export async function processOutboxOnce(
  deps: OutboxDeps,
  limit = 10,
): Promise<{ claimed: number; delivered: number; failed: number }> {
  const now = () => deps.now?.() ?? new Date();
  const claimed = await claimDueEmails(deps.db, { limit, leaseMs: LEASE_MS, now: now() });
  let delivered = 0;
  let failed = 0;
  for (const email of claimed) {
    try {
      const composed = await compose(deps, email);
      if (deps.send) await deps.send(composed);
      await markDelivered(deps.db, email, {
        status: deps.send ? "sent" : "captured",
        messageId: composed.messageId,
        subject: composed.subject,
        now: now(),
      });
      delivered++;
    } catch (error) {
      const status = await markFailed(deps.db, email, error, now());
      log.warn("email not delivered", {
        outboxId: email.id,
        attempt: email.attempts,
        status,
        error,
      });
      failed++;
    }
  }
  return { claimed: claimed.length, delivered, failed };
}

/** Each kind of email has its composer; the row's CHECK guarantees the id it needs. */
function compose(deps: ComposeDeps, email: ClaimedEmail) {
  if (email.kind === "staff_invitation")
    return composeInvitationEmail(deps, { ...email, invitationId: email.invitationId! });
  if (email.kind === "webhook_disabled")
    return composeWebhookDisabledEmail(deps, {
      ...email,
      webhookEndpointId: email.webhookEndpointId!,
    });
  return composeAccessEmail(deps, { ...email, linkId: email.linkId! });
}

/** Polls the outbox until stopped. Every instance runs one; SKIP LOCKED keeps them apart. */
export function startOutboxWorker(deps: OutboxDeps, intervalMs = 5_000): () => Promise<void> {
  const batch = 10;
  return every(
    intervalMs,
    "outbox worker pass",
    async (stopped) => {
      // A full batch means more may be waiting: drain before sleeping again.
      while (!stopped.aborted && (await processOutboxOnce(deps, batch)).claimed === batch);
    },
    { runNow: true },
  );
}
