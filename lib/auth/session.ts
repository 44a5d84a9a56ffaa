import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/db/schema";
import { resolveStudioRole } from "./guards";
import { mustEnrolTwoFactor } from "./two-factor-policy";
import { getSession } from "./index";

export const ACCOUNT_PAGE = "/dashboard/account";

/**
 * For dashboard pages: the signed-in user, or a redirect to the sign-in page. Someone whose
 * organization requires two-factor and who has not set it up is sent to the account page to
 * enrol before anything else (proxy.ts sets the path header on every page request).
 */
export async function requireUser() {
  const requestHeaders = await headers();
  const session = await getSession(requestHeaders);
  if (!session) redirect("/sign-in");
  if (
    requestHeaders.get("x-latchkey-pathname") !== ACCOUNT_PAGE &&
    (await mustEnrolTwoFactor(await getDb(), session.user.id))
  )
    redirect(`${ACCOUNT_PAGE}?enrol=required`);
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
