import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { memberships, user, type StaffChangeFields } from "@/lib/db/schema";
import { personLabel, recordStaffChange } from "./record";

/** Whether a person has two-factor on now, or null for an unknown id. */
export async function twoFactorEnabledOf(db: Db, userId: string): Promise<boolean | null> {
  const [row] = await db
    .select({ enabled: user.twoFactorEnabled })
    .from(user)
    .where(eq(user.id, userId));
  return row ? row.enabled : null;
}

/**
 * A person turned their own two-factor on or off (better-auth's enrol and disable endpoints), so
 * a stolen session plus the password turning two-factor off leaves a trace. better-auth writes
 * the change itself, outside our transactions, so this is recorded right after it from what the
 * database now says; nothing is recorded when nothing changed (a wrong password, a wrong code).
 */
export async function recordOwnTwoFactorChange(
  db: Db,
  userId: string,
  before: boolean,
): Promise<void> {
  const after = await twoFactorEnabledOf(db, userId);
  if (after === null || after === before) return;
  await recordOwnSecurityChange(db, userId, {
    action: after ? "two_factor_enabled" : "two_factor_disabled",
    changes: { twoFactorEnabled: { before, after } },
  });
}

/**
 * A change a person made to their own sign-in (two-factor, passkeys), recorded once per place
 * they work: each studio's managers see their own staff, owners every record of the
 * organization. Written after better-auth made the change, outside its transaction.
 */
export async function recordOwnSecurityChange(
  db: Db,
  userId: string,
  change: { action: string; changes: StaffChangeFields },
): Promise<void> {
  await db.transaction(async (tx) => {
    const places = await tx
      .select({ organizationId: memberships.organizationId, studioId: memberships.studioId })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    const subject = await personLabel(tx, userId);
    for (const place of places)
      await recordStaffChange(tx, {
        organizationId: place.organizationId,
        studioId: place.studioId,
        kind: "team",
        action: change.action,
        subject,
        changes: change.changes,
        actor: { kind: "user", userId },
      });
  });
}
