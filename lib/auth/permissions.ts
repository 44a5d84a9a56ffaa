import type { Role } from "@/lib/db/schema";

/**
 * Who may do what in a studio (issue #4): front desk staff issue, resend and revoke links;
 * managers also run the studio (settings, staff, API tokens); owners do everything in every
 * studio of their organization. Pages, route handlers and the studio navigation share these.
 */
export const STUDIO_STAFF: readonly Role[] = ["owner", "manager", "front_desk"];
export const STUDIO_MANAGERS: readonly Role[] = ["owner", "manager"];
/**
 * The studio's Kisi key and group decide which doors every guest link of the studio opens: a
 * group with a staff-only door would hand that door to guests. So only owners, who can open
 * every door anyway, may change them; managers see the connection read-only.
 */
export const KISI_CONNECTION_ROLES: readonly Role[] = ["owner"];

/** Every role in the studio: owners, managers and front desk. */
export const isStudioStaff = (role: Role): boolean => STUDIO_STAFF.includes(role);

export function canManageStudio(role: Role): boolean {
  return STUDIO_MANAGERS.includes(role);
}

/** Whether the role may connect a Kisi key or pick the studio's Kisi group (owners only). */
export function canChangeKisiConnection(role: Role): boolean {
  return KISI_CONNECTION_ROLES.includes(role);
}
