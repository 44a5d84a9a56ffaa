import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox, type EMAIL_STATUSES } from "@/lib/db/schema";
import { composeAccessEmail, type ComposeDeps } from "@/lib/email/compose-access-email";
import { linkState } from "@/lib/links/state";
import type { ListOutboxQuery } from "./schemas";
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

/**
 * The cursor carries the last row's created_at as PostgreSQL prints it (microseconds kept: a JS
 * Date would cut them and skip or repeat rows created in the same millisecond) and its id.
 */
function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      typeof value[0] === "string" &&
      // PostgreSQL's own text form ("2026-11-21 01:34:22.123456+00"), which it parses back.
      /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(
        value[0],
      ) &&
      typeof value[1] === "string" &&
      isUuid(value[1])
    )
      return { createdAt: value[0], id: value[1] };
  } catch {
    // fall through: a cursor is opaque, a broken one is a client mistake
  }
  throw new ApiError("invalid_request");
}

const columns = {
  outbox: emailOutbox,
  cursorAt: sql<string>`${emailOutbox.createdAt}::text`,
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
    after
      ? sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  const rows = await db
    .select(columns)
    .from(emailOutbox)
    // A left join: kinds without a link (staff invitations) are listed too.
    .leftJoin(accessLinks, eq(accessLinks.id, emailOutbox.linkId))
    .where(and(...conditions))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => summarize(row, now)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(last.cursorAt, last.outbox.id) : null,
  };
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
