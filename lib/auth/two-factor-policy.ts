import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";
import { memberships, organizationSecurity, session as sessions, user } from "@/lib/db/schema";

/**
 * Whether this person must enrol in two-factor before doing anything else: one of the
 * organizations they work in (as owner, manager or front desk) requires it, and they have not
 * set it up. Pages send them to the account page; the API answers 403 two_factor_required.
 */
export async function mustEnrolTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [person] = await db
    .select({ enabled: user.twoFactorEnabled })
    .from(user)
    .where(eq(user.id, userId));
  if (!person || person.enabled) return false;
  const orgs = db
    .select({ id: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  const [requiring] = await db
    .select({ id: organizationSecurity.organizationId })
    .from(organizationSecurity)
    .where(
      and(
        inArray(organizationSecurity.organizationId, orgs),
        eq(organizationSecurity.requireTwoFactor, true),
      ),
    )
    .limit(1);
  return Boolean(requiring);
}

/** Whether an organization requires two-factor of everyone in it. */
export async function organizationRequiresTwoFactor(db: Db, organizationId: string) {
  const [row] = await db
    .select({ required: organizationSecurity.requireTwoFactor })
    .from(organizationSecurity)
    .where(eq(organizationSecurity.organizationId, organizationId));
  return row?.required ?? false;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Ends every session of a person: when they are taken off a team or their role changes, so what
 * they could do before stops at once rather than when the cookie expires.
 */
export async function endSessionsOf(tx: Tx | Db, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}
