import "server-only";
import { ApiError } from "@/lib/api/errors";
import { canManageStudio } from "@/lib/auth/permissions";
import type { Role, studios } from "@/lib/db/schema";

/** Who runs the team: as the route's guard established it (lib/api/handle.ts). */
export type TeamActor = { userId: string; role: Role; studio: typeof studios.$inferSelect };

/**
 * Who may run a studio's team: its organization's owners and the studio's managers. The guard
 * resolved the caller's role for this studio already (a studio the user has no part in is a
 * 404 there); the rule is checked again here, beside the services and without another query, so
 * no caller that hands in a front-desk actor can skip it.
 */
export function teamManager(actor: TeamActor): TeamActor {
  if (!canManageStudio(actor.role)) throw new ApiError("forbidden");
  return actor;
}
