import "server-only";
import type { Db } from "@/lib/db";
import { organizationSecurity } from "@/lib/db/schema";
import { recordStaffChange } from "@/lib/staff-audit/record";
import { organizationRequiresTwoFactor } from "./two-factor-policy";

/** An owner turns "everyone signs in with two factors" on or off; recorded in the staff audit. */
export async function setRequireTwoFactor(
  db: Db,
  organizationId: string,
  required: boolean,
): Promise<void> {
  const before = await organizationRequiresTwoFactor(db, organizationId);
  if (before === required) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(organizationSecurity)
      .values({ organizationId, requireTwoFactor: required, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: organizationSecurity.organizationId,
        set: { requireTwoFactor: required, updatedAt: new Date() },
      });
    await recordStaffChange(tx, {
      organizationId,
      studioId: null,
      kind: "settings",
      action: required ? "two_factor_required" : "two_factor_optional",
      changes: { requireTwoFactor: { before, after: required } },
    });
  });
}
