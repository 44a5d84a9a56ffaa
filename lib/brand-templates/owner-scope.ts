import "server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { requireSignedIn } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { ownedOrganizations } from "./owned-organizations";

/**
 * Brand templates belong to an organization and only its owners touch them. A signed-in person
 * who owns nothing gets 403; a template of another organization is a 404 (the finders check).
 */
export async function requireOwnerScope(req: NextRequest) {
  const userId = await requireSignedIn(req);
  const db = await getDb();
  const organizationIds = (await ownedOrganizations(db, userId)).map((o) => o.id);
  if (organizationIds.length === 0) throw new ApiError("forbidden");
  return { db, userId, organizationIds };
}
