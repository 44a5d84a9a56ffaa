import type { StaffAuditEntry } from "./list";

export const STAFF_AUDIT_CSV_COLUMNS = [
  "time",
  "kind",
  "action",
  "subject",
  "actor_kind",
  "actor_name",
  "actor_user_id",
  "changes",
  "ip_hash",
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`:
 * studio names and the like are written by staff, and an export must not execute them.
 */
export function csvCell(value: string | null): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function staffAuditCsvRow(entry: StaffAuditEntry): string {
  return [
    entry.at,
    entry.kind,
    entry.action,
    entry.subject,
    entry.actor.kind,
    entry.actor.name,
    entry.actor.userId,
    Object.keys(entry.changes).length ? JSON.stringify(entry.changes) : "",
    entry.ipHash,
  ]
    .map(csvCell)
    .join(",");
}

export function staffAuditCsvHeader(): string {
  return STAFF_AUDIT_CSV_COLUMNS.join(",");
}
