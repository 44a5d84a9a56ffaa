import type { Role } from "@/lib/db/schema";

/**
 * Who may do what in a studio (issue #4): front desk staff issue, resend and revoke links;
 * managers also run the studio (settings, staff, API tokens); owners do everything in every
 * studio of their organization. Pages, route handlers and the studio navigation share these.
 */
export const STUDIO_STAFF: readonly Role[] = ["owner", "manager", "front_desk"];
export const STUDIO_MANAGERS: readonly Role[] = ["owner", "manager"];

export function canManageStudio(role: Role): boolean {
  return STUDIO_MANAGERS.includes(role);
}
