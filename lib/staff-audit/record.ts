import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { hashClientIp } from "@/lib/access/unlock";
import { getAccessDeps } from "@/lib/access/deps";
import { clientIp } from "@/lib/api/request-guards";
import type { Db } from "@/lib/db";
import {
  apiTokens,
  type brandTemplates,
  doorSettings,
  kisiCredentials,
  staffAudit,
  user,
  type StaffChangeFields,
  studios,
  type StaffChangeKind,
} from "@/lib/db/schema";
import { currentRequestContext, type StaffActorRef } from "./context";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type StudioRow = typeof studios.$inferSelect;

export type StaffChange = (
  | { organizationId: string; studioId: string | null }
  // A studio's own change: its organization is looked up in the same transaction.
  | { organizationId?: undefined; studioId: string }
) & {
  kind: StaffChangeKind;
  action: string;
  subject?: string | null;
  changes?: StaffChangeFields;
  /** Only where the guards cannot know it (an invitation accepted by a brand-new account). */
  actor?: StaffActorRef;
};

/**
 * Records one staff change, on the transaction that makes it: if the change rolls back, so does
 * its record. Who comes from the request (the guards set it), where from is a keyed hash of the
 * trusted client address — the same hash the unlock audit keeps, so the two can be compared.
 * Values of secrets never reach this function: callers pass descriptions (see recordKisiKeyChange).
 */
export async function recordStaffChange(tx: Tx, change: StaffChange): Promise<void> {
  const context = currentRequestContext();
  const actor = change.actor ?? context.actor ?? { kind: "system" as const };
  const ip = context.headers ? clientIp(context.headers) : null;
  const ipHash = ip ? hashClientIp((await getAccessDeps()).ipSalt, ip) : null;
  const organizationId = change.organizationId ?? (await studioOrganization(tx, change.studioId));
  await tx.insert(staffAudit).values({
    organizationId,
    studioId: change.studioId,
    actorKind: actor.kind,
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorName: await actorName(tx, actor),
    kind: change.kind,
    action: change.action,
    subject: change.subject ?? null,
    changes: change.changes ?? {},
    ipHash,
  });
}

/** How the audit names a person it is about: their email (staff are known by it). */
export async function personLabel(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ email: user.email }).from(user).where(eq(user.id, userId));
  return row?.email ?? null;
}

async function studioOrganization(tx: Tx, studioId: string): Promise<string> {
  const [row] = await tx
    .select({ organizationId: studios.organizationId })
    .from(studios)
    .where(eq(studios.id, studioId));
  if (!row) throw new Error(`staff audit: no studio ${studioId}`);
  return row.organizationId;
}

async function actorName(tx: Tx, actor: StaffActorRef): Promise<string | null> {
  if (actor.kind === "user") {
    const [row] = await tx.select({ name: user.name }).from(user).where(eq(user.id, actor.userId));
    return row?.name ?? null;
  }
  if (actor.kind === "api_token") {
    const [row] = await tx
      .select({ name: apiTokens.name })
      .from(apiTokens)
      .where(eq(apiTokens.id, actor.tokenId));
    return row?.name ?? null;
  }
  return null;
}

/** The fields that differ, as before/after pairs (dates as ISO strings). */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): StaffChangeFields {
  const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
  const out: StaffChangeFields = {};
  for (const field of fields) {
    const [b, a] = [plain(before[field]), plain(after[field])];
    if (JSON.stringify(b) !== JSON.stringify(a)) out[field] = { before: b, after: a };
  }
  return out;
}

/** A studio's columns by what the audit page files them under. */
const STUDIO_FIELDS: Record<"settings" | "geofence" | "kisi_group", readonly string[]> = {
  settings: [
    "name",
    "timeZone",
    "defaultLocale",
    "classMinutes",
    "primaryColor",
    "accentColor",
    "senderName",
    "replyTo",
    "supportEmail",
    "supportPhone",
    "address",
  ],
  geofence: [
    "geofenceEnabled",
    "geofenceLatitude",
    "geofenceLongitude",
    "geofenceRadiusM",
    "geofenceMaxAccuracyM",
    "geofenceMaxAgeS",
  ],
  kisi_group: ["kisiGroupId", "kisiPlaceId"],
};

/** A studio row rewritten: one record per kind that changed (settings, geofence, Kisi group). */
export async function recordStudioUpdate(
  tx: Tx,
  before: StudioRow,
  after: StudioRow,
  action = "updated",
): Promise<void> {
  for (const [kind, fields] of Object.entries(STUDIO_FIELDS) as [
    keyof typeof STUDIO_FIELDS,
    readonly string[],
  ][]) {
    const changes = changedFields(before, after, fields);
    if (Object.keys(changes).length === 0) continue;
    await recordStaffChange(tx, {
      organizationId: after.organizationId,
      studioId: after.id,
      kind,
      action,
      changes,
    });
  }
}

/**
 * A new Kisi key for a studio. The key is a credential that opens doors without Latchkey, so the
 * record says only that it was replaced and the last four characters, before and after.
 */
export async function recordKisiKeyChange(
  tx: Tx,
  studio: StudioRow,
  newLast4: string,
): Promise<void> {
  const [previous] = studio.kisiCredentialId
    ? await tx
        .select({ last4: kisiCredentials.apiKeyLast4 })
        .from(kisiCredentials)
        .where(eq(kisiCredentials.id, studio.kisiCredentialId))
    : [];
  await recordStaffChange(tx, {
    organizationId: studio.organizationId,
    studioId: studio.id,
    kind: "kisi_key",
    action: previous ? "replaced" : "connected",
    changes: {
      keyLast4: { before: previous ? `…${previous.last4}` : null, after: `…${newLast4}` },
    },
  });
}

/** What a brand template carries, as the audit compares it (the logo only as a flag). */
export const TEMPLATE_FIELDS = [
  "name",
  "primaryColor",
  "accentColor",
  "senderName",
  "replyTo",
  "supportEmail",
  "supportPhone",
  "passTypes",
] as const;

type TemplateRow = typeof brandTemplates.$inferSelect;

/** A template as the audit compares it: its pass types by name (their rules are in the API). */
const auditedTemplate = (row: TemplateRow) => ({
  ...row,
  passTypes: row.passTypes.map((p) => p.name).join(", ") || null,
});

/** A template created, changed or deleted (`before`/`after` null for created/deleted). */
export async function recordBrandTemplateChange(
  tx: Tx,
  before: TemplateRow | null,
  after: TemplateRow | null,
): Promise<void> {
  const template = (after ?? before)!;
  const none = Object.fromEntries(TEMPLATE_FIELDS.map((f) => [f, null]));
  const changes = changedFields(
    before ? auditedTemplate(before) : none,
    after ? auditedTemplate(after) : none,
    TEMPLATE_FIELDS,
  );
  if (before && after && Object.keys(changes).length === 0) return;
  await recordStaffChange(tx, {
    organizationId: template.organizationId,
    studioId: null,
    kind: "brand_template",
    action: !before ? "created" : !after ? "deleted" : "updated",
    subject: template.name,
    changes,
  });
}

/**
 * A template about to be copied onto studios: one record per studio (so its managers see why
 * their branding changed), with that studio's branding before and the template's after. Called
 * in the transaction before the write.
 */
export async function recordBrandTemplateApplied(
  tx: Tx,
  template: TemplateRow,
  studioIds: string[],
): Promise<void> {
  const rows = await tx.select().from(studios).where(inArray(studios.id, studioIds));
  const branding = TEMPLATE_FIELDS.filter((f) => f !== "name");
  for (const studio of rows)
    await recordStaffChange(tx, {
      organizationId: studio.organizationId,
      studioId: studio.id,
      kind: "brand_template",
      action: "applied",
      subject: template.name,
      changes: {
        ...changedFields(studio, template, branding),
        ...(template.logoBytes ? { logo: { before: null, after: "replaced" } } : {}),
      },
    });
}

const DOOR_FIELDS = [
  "geofenceEnabled",
  "geofenceLatitude",
  "geofenceLongitude",
  "geofenceRadiusM",
  "geofenceMaxAccuracyM",
  "sharedOpenSeconds",
] as const;

/**
 * A door's geofence override about to be written (`after` null: back to the studio's fence).
 * Called in the transaction before the write, so it reads what the door had until now.
 */
export async function recordDoorOverride(
  tx: Tx,
  studio: StudioRow,
  lockId: number,
  after: Partial<Record<(typeof DOOR_FIELDS)[number], unknown>> | null,
): Promise<void> {
  const [row] = await tx
    .select()
    .from(doorSettings)
    .where(and(eq(doorSettings.studioId, studio.id), eq(doorSettings.kisiLockId, lockId)));
  const none = Object.fromEntries(DOOR_FIELDS.map((f) => [f, null]));
  // A field the request left out keeps its stored value: no change to record.
  const next = after ? { ...(row ?? none), ...after } : none;
  const changes = changedFields(row ?? none, next, DOOR_FIELDS);
  if (Object.keys(changes).length === 0) return;
  const removed = DOOR_FIELDS.every((f) => next[f] === null || next[f] === undefined);
  await recordStaffChange(tx, {
    organizationId: studio.organizationId,
    studioId: studio.id,
    kind: "door",
    action: removed ? "override_removed" : "override_set",
    subject: String(lockId),
    changes,
  });
}

/**
 * A door's display names as this request changed them: one record with `displayName.<locale>`
 * before/after for each language the request set or removed and that really changed (another
 * staff member's save of another language at the same moment is theirs to record).
 */
export async function recordDoorNames(
  tx: Tx,
  studio: StudioRow,
  lockId: number,
  names: { before: Record<string, string>; after: Record<string, string>; touched: string[] },
): Promise<void> {
  const changes: StaffChangeFields = {};
  for (const locale of [...new Set(names.touched)].sort()) {
    const [before, after] = [names.before[locale] ?? null, names.after[locale] ?? null];
    if (before !== after) changes[`displayName.${locale}`] = { before, after };
  }
  if (Object.keys(changes).length === 0) return;
  await recordStaffChange(tx, {
    organizationId: studio.organizationId,
    studioId: studio.id,
    kind: "door",
    action: "names_changed",
    subject: String(lockId),
    changes,
  });
}
