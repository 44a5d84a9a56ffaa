import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { isUuid } from "@/lib/schemas/ids";

/**
 * The one keyset cursor of every newest-first list (the unlock audit, the studio's activity, the
 * email outbox): the last row's `(created_at, id)`, opaque to clients (base64url of a JSON pair).
 *
 * Why the time travels as text with microseconds: PostgreSQL stores timestamps to the
 * microsecond and a JS Date keeps milliseconds. A cursor cut to milliseconds either skips the
 * rows that share the cut millisecond or repeats them; ordering on a truncated time instead
 * (the old workaround) is an expression no index serves, so every page scanned the whole audit.
 * The database writes the cursor's time itself (`cursorTime`), always in UTC, so neither a JS
 * Date nor the session's time zone ever touches it.
 *
 * One rule for a cursor that does not decode, names an impossible time or lies outside the years
 * PostgreSQL and Latchkey can mean (e.g. `+010000-01-01`, month 13): 400 `invalid_request`.
 * Never a 500 from the database's cast, and never a silent restart at the first page, which
 * would show an admin the same rows again as if they were older.
 */

/** The query parameter as routes accept it; decoding (and refusing) is `decodeCursor`'s job. */
export const cursorParam = z.string().optional();

export type Cursor = { at: string; id: string };

const MAX_CURSOR_LENGTH = 200;
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
// A row Latchkey wrote: after the Unix epoch, and four-digit years only.
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

/** The column's value in the cursor's text form, computed by the database. */
export function cursorTime(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** The cursor a client sent back, or ApiError("invalid_request"). */
export function decodeCursor(raw: string): Cursor {
  const cursor = raw.length <= MAX_CURSOR_LENGTH ? parse(raw) : null;
  if (!cursor) throw new ApiError("invalid_request");
  return cursor;
}

function parse(raw: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [at, id] = value as unknown[];
  if (typeof at !== "string" || typeof id !== "string" || !isUuid(id)) return null;
  return isValidTime(at) ? { at, id } : null;
}

/** A real calendar instant in the cursor's exact form (no Feb 30, no 24:00, no month 13). */
export function isValidTime(at: string): boolean {
  const m = TIME.exec(at);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Rows strictly older than the cursor in `(created_at DESC, id DESC)` order: a row comparison,
 * which a btree index on `(…, created_at DESC, id DESC)` serves as its range condition.
 */
export function olderThan(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor): SQL {
  return sql`(${createdAt}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/**
 * A page from `limit + 1` rows fetched newest first: the rows to show and the cursor of the
 * next page, if there is one.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  key: (row: T) => Cursor,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null,
  };
}
