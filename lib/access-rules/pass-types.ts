import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { passTypes, studios } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { windowProblems } from "@/lib/schemas/links";
import { changedFields, recordStaffChange, type Tx } from "@/lib/staff-audit/record";
import { rulesWindowIssues, type LinkRules, type PassTypeInput, type StudioHours } from "./schema";

type PassTypeRow = typeof passTypes.$inferSelect;

export function passTypeView(row: PassTypeRow) {
  return {
    id: row.id,
    name: row.name,
    rules: row.rules,
    windowMinutes: row.windowMinutes,
    locale: row.locale ?? null,
  };
}

export async function listPassTypes(db: Db, studioId: string) {
  const rows = await db
    .select()
    .from(passTypes)
    .where(eq(passTypes.studioId, studioId))
    .orderBy(asc(passTypes.name));
  return rows.map(passTypeView);
}

/** What the staff audit compares of a pass type (its rules as they are stored, as JSON). */
const AUDITED_FIELDS = ["name", "rules", "windowMinutes", "locale"] as const;
const NONE = Object.fromEntries(AUDITED_FIELDS.map((f) => [f, null]));

/** A pass type created, changed or deleted, on the transaction that does it. */
async function recordPassTypeChange(
  tx: Tx,
  studioId: string,
  before: PassTypeRow | null,
  after: PassTypeRow | null,
) {
  const changes = changedFields(before ?? NONE, after ?? NONE, AUDITED_FIELDS);
  // Saved unchanged: nothing happened worth a line in the audit.
  if (before && after && Object.keys(changes).length === 0) return;
  await recordStaffChange(tx, {
    studioId,
    kind: "pass_type",
    action: !before ? "created" : !after ? "deleted" : "updated",
    subject: (after ?? before)!.name,
    changes,
  });
}

/** A name is unique per studio: a second one is a 409, as for brand templates. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", { cause: error });
    throw error;
  }
}

export async function createPassType(db: Db, studioId: string, input: PassTypeInput) {
  return uniqueName(() =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(passTypes)
        .values({ studioId, ...input, locale: input.locale ?? null })
        .returning();
      await recordPassTypeChange(tx, studioId, null, row!);
      return passTypeView(row!);
    }),
  );
}

/**
 * Rewrites a pass type whole (the body is the create body). Links issued with it keep the copy of
 * the rules they were issued with: only links issued from now on get the new rules.
 */
export async function updatePassType(
  db: Db,
  studioId: string,
  passTypeId: string,
  input: PassTypeInput,
) {
  return uniqueName(() =>
    db.transaction(async (tx) => {
      const mine = and(eq(passTypes.id, passTypeId), eq(passTypes.studioId, studioId));
      const [before] = await tx.select().from(passTypes).where(mine).for("update");
      if (!before) throw new ApiError("not_found");
      const [row] = await tx
        .update(passTypes)
        .set({
          name: input.name,
          rules: input.rules,
          windowMinutes: input.windowMinutes,
          locale: input.locale ?? null,
        })
        .where(mine)
        .returning();
      await recordPassTypeChange(tx, studioId, before, row!);
      return passTypeView(row!);
    }),
  );
}

export async function deletePassType(db: Db, studioId: string, passTypeId: string) {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(passTypes)
      .where(and(eq(passTypes.id, passTypeId), eq(passTypes.studioId, studioId)))
      .returning();
    if (!deleted) throw new ApiError("not_found");
    await recordPassTypeChange(tx, studioId, deleted, null);
  });
}

/**
 * The rules a new link gets: its own (already checked by the body's schema), or a copy of one of
 * the studio's pass types, checked against this link's window (a 24 h pass on a 12 h window is
 * refused, as explicit rules are). A pass type may also give the guest's language.
 */
export async function resolveLinkRules(
  db: Db,
  studioId: string,
  input: { rules?: LinkRules; passTypeId?: string },
  given: { validFrom: Date; validUntil?: Date },
): Promise<{
  rules: LinkRules | null;
  passTypeId: string | null;
  locale: Locale | null;
  window: { validFrom: Date; validUntil: Date };
}> {
  if (!input.passTypeId) {
    // The body's schema requires an end without a pass type.
    if (!given.validUntil) throw new ApiError("validation_failed");
    const window = { validFrom: given.validFrom, validUntil: given.validUntil };
    return { rules: input.rules ?? null, passTypeId: null, locale: null, window };
  }
  const [passType] = await db
    .select()
    .from(passTypes)
    .where(and(eq(passTypes.id, input.passTypeId), eq(passTypes.studioId, studioId)));
  if (!passType)
    throw new ApiError("validation_failed", {
      issues: [{ path: "passTypeId", message: "passTypeUnknown" }],
    });
  // No end given: the pass type's default window from the start, under the same window rules.
  const window = {
    validFrom: given.validFrom,
    validUntil:
      given.validUntil ?? new Date(given.validFrom.getTime() + passType.windowMinutes * 60_000),
  };
  const problem = windowProblems(window);
  if (problem)
    throw new ApiError("validation_failed", { issues: [{ path: "validUntil", message: problem }] });
  const issues = rulesWindowIssues(passType.rules, window, "passTypeId");
  if (issues.length)
    throw new ApiError("validation_failed", {
      issues: issues.map((i) => ({ ...i, path: "passTypeId" })),
    });
  return {
    rules: passType.rules,
    passTypeId: passType.id,
    locale: passType.locale ?? null,
    window,
  };
}

/** A studio's opening hours and visit length, as the API shows and takes them. */
export function studioRulesView(studio: typeof studios.$inferSelect) {
  return {
    timeZone: studio.timeZone,
    openingHours: studio.openingHours ?? null,
    visitMinutes: studio.visitMinutes ?? null,
    effectiveVisitMinutes: studio.visitMinutes ?? studio.classMinutes,
  };
}

export async function updateStudioRules(
  db: Db,
  studioId: string,
  patch: { openingHours?: StudioHours | null; visitMinutes?: number | null },
) {
  const values: Partial<typeof studios.$inferInsert> = { updatedAt: new Date() };
  if (patch.openingHours !== undefined) values.openingHours = patch.openingHours;
  if (patch.visitMinutes !== undefined) values.visitMinutes = patch.visitMinutes;
  const [row] = await db.update(studios).set(values).where(eq(studios.id, studioId)).returning();
  if (!row) throw new ApiError("not_found");
  return studioRulesView(row);
}
