import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/db/schema";
import { resolveStudioRole } from "./guards";
import { getSession } from "./index";

/** For dashboard pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser() {
  const session = await getSession(await headers());
  if (!session) redirect("/sign-in");
  return session.user;
}

/**
 * A studio page's guard: the user, role and studio when `allowed(role)`, otherwise the same 404
 * as a studio that does not exist (the layout only hides tabs; each page checks again).
 */
export async function requireStudioPageRole(studioId: string, allowed: (role: Role) => boolean) {
  const page = await requireStudioPage(studioId);
  if (!allowed(page.role)) notFound();
  return page;
}

/** For a studio's pages: the user's role there, or the same 404 as a studio that does not exist. */
export async function requireStudioPage(studioId: string): Promise<{
  user: Awaited<ReturnType<typeof requireUser>>;
  role: Role;
  studio: NonNullable<Awaited<ReturnType<typeof resolveStudioRole>>>["studio"];
}> {
  const user = await requireUser();
  const resolved = await resolveStudioRole(await getDb(), user.id, studioId);
  if (!resolved) notFound();
  return { user, ...resolved };
}
