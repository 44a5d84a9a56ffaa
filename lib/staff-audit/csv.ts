import { csvField } from "@/lib/exports/csv-field";
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
    .map(csvField)
    .join(",");
}

export function staffAuditCsvHeader(): string {
  return STAFF_AUDIT_CSV_COLUMNS.join(",");
}
