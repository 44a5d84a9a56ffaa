import "server-only";
import type { Db } from "@/lib/db";
import { listUnlockAudit } from "./unlock-audit";

/**
 * The studio's whole unlock audit as CSV, newest first — for owners and managers to keep before
 * retention prunes it. Streamed page by page along the same keyset cursor as the activity list,
 * so a million rows never sit in memory and each page is one index range. Column names are
 * stable identifiers (like the bulk CSV's), not translated.
 */
export const AUDIT_CSV_COLUMNS = [
  "time_utc",
  "guest",
  "link_id",
  "door_id",
  "door",
  "allowed",
  "outcome",
  "distance_m",
  "accuracy_m",
] as const;

const PAGE = 1_000;

/**
 * One CSV field: quoted when it must be, and a leading =, +, -, @, tab or CR defused with an
 * apostrophe, so a guest named "=HYPERLINK(…)" stays text in a spreadsheet (CSV injection).
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function* auditCsv(db: Db, studioId: string): AsyncGenerator<string> {
  yield `${AUDIT_CSV_COLUMNS.join(",")}\r\n`;
  let cursor: string | undefined;
  do {
    const page = await listUnlockAudit(db, { studioId }, { limit: PAGE, cursor });
    yield page.items
      .map(
        (e) =>
          [
            e.at,
            e.guestName,
            e.linkId,
            e.lockId,
            e.doorName,
            e.allowed,
            e.outcome,
            e.distanceM,
            e.accuracyM,
          ]
            .map(csvField)
            .join(",") + "\r\n",
      )
      .join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
