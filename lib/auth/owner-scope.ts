import "server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { requireSignedIn } from "./guards";
import { ownedOrganizations } from "./owned-organizations";

/**
 * The organizations the signed-in caller owns: what brand templates and organization settings
 * are scoped to. Owning none is a 403. With `organizationId` (from the path), that organization
 * must be one of them, else 404 — before any body is read, so a stranger learns nothing.
 */
export async function requireOwnerScope(
  req: NextRequest,
  organizationId?: string,
): Promise<{ userId: string; organizationIds: string[] }> {
  const userId = await requireSignedIn(req);
  const organizationIds = (await ownedOrganizations(await getDb(), userId)).map((o) => o.id);
  if (organizationId !== undefined) {
    if (!organizationIds.includes(organizationId)) throw new ApiError("not_found");
  } else if (organizationIds.length === 0) throw new ApiError("forbidden");
  return { userId, organizationIds };
}
