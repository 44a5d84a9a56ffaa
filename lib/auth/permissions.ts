import type { Role } from "@/lib/db/schema";

/**
 * Who may do what in a studio (issue #4): front desk staff issue, resend and revoke links;
 * managers also run the studio (settings, staff, API tokens); owners do everything in every
 * studio of their organization. Pages, route handlers and the studio navigation share these.
 */
export const STUDIO_STAFF: readonly Role[] = ["owner", "manager", "front_desk"];
export const STUDIO_MANAGERS: readonly Role[] = ["owner", "manager"];

/** Every role in the studio: owners, managers and front desk. */
export const isStudioStaff = (role: Role): boolean => STUDIO_STAFF.includes(role);

export function canManageStudio(role: Role): boolean {
  return STUDIO_MANAGERS.includes(role);
}
