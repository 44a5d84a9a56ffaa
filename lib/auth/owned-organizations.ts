import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { memberships, organizations } from "@/lib/db/schema";

/** The organizations a user owns (an owner membership has no studio): the franchise scope. */
export async function ownedOrganizations(db: Db, userId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.role, "owner"),
        isNull(memberships.studioId),
      ),
    )
    .orderBy(asc(organizations.name));
}
