import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox, type EMAIL_STATUSES } from "@/lib/db/schema";
import { composeAccessEmail, type ComposeDeps } from "@/lib/email/compose-access-email";
import { linkState } from "@/lib/links/state";
import type { ListOutboxQuery } from "./schemas";
import { cursorTime, decodeCursor, keysetPage, olderThan } from "@/lib/pagination/cursor";
import { isUuid } from "@/lib/schemas/ids";

export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One outbox row as studio staff see it. Deliberately no body, token or URL: a list is fetched
 * every few seconds and cached by the browser's SWR store; the email itself is read one at a
 * time (readOutboxEmail). `kind` is a plain string so kinds added later (staff invitations,
 * with no link) are listed as they are instead of breaking the page.
 */
export type OutboxEmailSummary = {
  id: string;
  kind: string;
  recipient: string;
  subject: string | null;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  link: { id: string; guestName: string } | null;
  /** Only a failed or dead access-link email of a link that still works can be sent again. */
  canResend: boolean;
};

const columns = {
  outbox: emailOutbox,
  cursorAt: cursorTime(emailOutbox.createdAt),
  link: {
    id: accessLinks.id,
    guestName: accessLinks.guestName,
    guestEmail: accessLinks.guestEmail,
    status: accessLinks.status,
    validFrom: accessLinks.validFrom,
    validUntil: accessLinks.validUntil,
  },
};

type Row = {
  outbox: typeof emailOutbox.$inferSelect;
  link: {
    id: string;
    guestName: string;
    guestEmail: string | null;
    status: (typeof accessLinks.$inferSelect)["status"];
    validFrom: Date;
    validUntil: Date;
  } | null;
};

function summarize({ outbox, link }: Row, now: Date): OutboxEmailSummary {
  const state = link ? linkState(link, now) : null;
  return {
    id: outbox.id,
    kind: outbox.kind,
    recipient: outbox.recipient,
    subject: outbox.subject,
    status: outbox.status,
    attempts: outbox.attempts,
    lastError: outbox.lastError,
    nextAttemptAt:
      outbox.status === "pending" || outbox.status === "failed"
        ? outbox.nextAttemptAt.toISOString()
        : null,
    sentAt: outbox.sentAt?.toISOString() ?? null,
    createdAt: outbox.createdAt.toISOString(),
    link: link ? { id: link.id, guestName: link.guestName } : null,
    canResend:
      outbox.kind === "access_link" &&
      (outbox.status === "failed" || outbox.status === "dead") &&
      Boolean(link?.guestEmail) &&
      (state === "active" || state === "scheduled"),
  };
}

/** A studio's emails, newest first, a page at a time. Only ever this studio's rows. */
export async function listOutboxEmails(
  db: Db,
  studioId: string,
  query: ListOutboxQuery,
  now = new Date(),
): Promise<{ items: OutboxEmailSummary[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    eq(emailOutbox.studioId, studioId),
    query.status ? eq(emailOutbox.status, query.status) : undefined,
    after ? olderThan(emailOutbox.createdAt, emailOutbox.id, after) : undefined,
  ];
  const rows = await db
    .select(columns)
    .from(emailOutbox)
    // A left join: kinds without a link (staff invitations) are listed too.
    .leftJoin(accessLinks, eq(accessLinks.id, emailOutbox.linkId))
    .where(and(...conditions))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keysetPage(rows, query.limit, (row) => ({
    at: row.cursorAt,
    id: row.outbox.id,
  }));
  return { items: page.map((row) => summarize(row, now)), nextCursor };
}

export type OutboxEmailDetail = OutboxEmailSummary & {
  /** The message as the guest gets it, or null when Latchkey cannot show this kind. */
  content: { subject: string; html: string; text: string } | null;
};

/**
 * One email of this studio, to read. Bodies are never stored (they carry the access URL, and a
 * copy of the database must not open doors), so an access-link email is composed again, exactly
 * as the worker composes it — with the link's current window. Another studio's id is a 404.
 */
export async function readOutboxEmail(
  deps: ComposeDeps,
  studioId: string,
  emailId: string,
  now = new Date(),
): Promise<OutboxEmailDetail> {
  if (!isUuid(emailId)) throw new ApiError("not_found");
  const [row] = await deps.db
    .select(columns)
    .from(emailOutbox)
    .leftJoin(accessLinks, eq(accessLinks.id, emailOutbox.linkId))
    .where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.studioId, studioId)));
  if (!row) throw new ApiError("not_found");
  const summary = summarize(row, now);
  const { outbox } = row;
  let content: OutboxEmailDetail["content"] = null;
  if (outbox.htmlBody && outbox.textBody) {
    // A kind whose worker keeps its body (nothing secret in it) is shown as it was sent.
    content = { subject: outbox.subject ?? "", html: outbox.htmlBody, text: outbox.textBody };
  } else if (outbox.kind === "access_link" && outbox.linkId) {
    const composed = await composeAccessEmail(deps, {
      id: outbox.id,
      linkId: outbox.linkId,
      recipient: outbox.recipient,
      locale: outbox.locale,
    });
    content = { subject: composed.subject, html: composed.html, text: composed.text };
  }
  return { ...summary, content };
}
