import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { memberships, user } from "@/lib/db/schema";
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
 * A person turned their own two-factor on or off (better-auth's enrol and disable endpoints):
 * one record per place they work — each studio's managers see their own staff, owners every
 * record of the organization — so a stolen session plus the password turning two-factor off
 * leaves a trace. better-auth writes the change itself, outside our transactions, so this is
 * recorded right after it from what the database now says; nothing is recorded when nothing
 * changed (a wrong password, a wrong code).
 */
export async function recordOwnTwoFactorChange(
  db: Db,
  userId: string,
  before: boolean,
): Promise<void> {
  const after = await twoFactorEnabledOf(db, userId);
  if (after === null || after === before) return;
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
        action: after ? "two_factor_enabled" : "two_factor_disabled",
        subject,
        changes: { twoFactorEnabled: { before, after } },
        actor: { kind: "user", userId },
      });
  });
}
