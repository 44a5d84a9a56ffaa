import "server-only";
import { eq } from "drizzle-orm";
import { accessLinks } from "@/lib/db/schema";
import { linkRef, recordWebhookEvent, studioRef, type Tx } from "./record";

/**
 * email.sent / email.failed for an access email, on the outbox update's own transaction.
 * Invitations are staff business, not a booking's: they send no event. `error` is the outbox's
 * redacted last error (SMTP's words, never the email's body, which holds the access URL).
 */
export async function recordEmailEvent(
  tx: Tx,
  email: { id: string; kind: string; linkId: string | null; attempts: number },
  outcome: { status: "sent" | "captured" | "dead"; error: string | null; now: Date },
) {
  if (email.kind !== "access_link" || !email.linkId) return null;
  const [link] = await tx.select().from(accessLinks).where(eq(accessLinks.id, email.linkId));
  if (!link) return null;
  return recordWebhookEvent(tx, {
    studioId: link.studioId,
    type: outcome.status === "dead" ? "email.failed" : "email.sent",
    now: outcome.now,
    data: async (t) => ({
      studio: await studioRef(t, link.studioId),
      link: linkRef(link),
      email: {
        id: email.id,
        status: outcome.status,
        attempts: email.attempts,
        error: outcome.error,
      },
    }),
  });
}
