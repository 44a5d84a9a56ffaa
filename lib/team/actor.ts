import "server-only";
import { ApiError } from "@/lib/api/errors";
import { resolveStudioRole } from "@/lib/auth/guards";
import { canManageStudio } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import type { Role, studios } from "@/lib/db/schema";

export type TeamActor = { userId: string; role: Role; studio: typeof studios.$inferSelect };

/**
 * Who may run a studio's team: its organization's owners and the studio's managers. The rule
 * lives here, beside the services, as well as in the route guard, so no caller can skip it.
 * A studio the user has no part in is a 404, like one that does not exist.
 */
export async function teamActor(db: Db, userId: string, studioId: string): Promise<TeamActor> {
  const resolved = await resolveStudioRole(db, userId, studioId);
  if (!resolved) throw new ApiError("not_found");
  if (!canManageStudio(resolved.role)) throw new ApiError("forbidden");
  return { userId, ...resolved };
}
