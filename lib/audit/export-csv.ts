import "server-only";
import type { Db } from "@/lib/db";
import { csvField } from "@/lib/exports/csv-field";
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
