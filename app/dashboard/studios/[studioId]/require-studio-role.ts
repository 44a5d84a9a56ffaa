import "server-only";
import { notFound } from "next/navigation";
import type { Role } from "@/lib/db/schema";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";

/**
 * A studio page's guard: the user, role and studio when `allowed(role)`, otherwise the same
 * 404 as a studio that does not exist (the layout only hides tabs; each page checks again).
 */
export async function requireStudioRole(studioId: string, allowed: (role: Role) => boolean) {
  const page = await requireStudioPage(studioId);
  if (!allowed(page.role)) notFound();
  return page;
}

/** Every role in the studio: owners, managers and front desk. */
export const isStudioStaff = (role: Role) => STUDIO_STAFF.includes(role);
