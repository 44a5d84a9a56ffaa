import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { assertSameOrigin } from "@/lib/api/request-guards";
import { getConfig } from "@/lib/config";
import { getDb, type Db } from "@/lib/db";
import { memberships, studios, type Role } from "@/lib/db/schema";
import { getAuth } from "./index";

export type StudioActor = { userId: string; role: Role; studio: typeof studios.$inferSelect };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller must be signed in and hold one of `roles` for this studio: an owner of its
 * organization, or a member of the studio itself. Checked inside every handler, never only in
 * proxy.ts (security.md F-1, F-3). Another tenant's studio is a 404, like one that does not exist.
 * Cookie-authenticated writes must also come from our own origin (route handlers get no CSRF
 * check from Next).
 */
export async function requireStudioRole(
  req: NextRequest,
  studioId: string,
  roles: readonly Role[],
): Promise<StudioActor> {
  const userId = await requireSignedIn(req);
  const resolved = await resolveStudioRole(await getDb(), userId, studioId);
  if (!resolved) throw new ApiError("not_found");
  if (!roles.includes(resolved.role)) throw new ApiError("forbidden");
  const { role, studio } = resolved;
  return { userId, role, studio };
}

/**
 * The signed-in user's id, or 401. Cookie-authenticated writes must come from our own origin:
 * route handlers get no CSRF check from Next.
 */
export async function requireSignedIn(req: NextRequest): Promise<string> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: req.headers });
  if (!session) throw new ApiError("unauthorized");
  if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req, getConfig().appOrigin);
  return session.user.id;
}

/**
 * The user's strongest role for a studio (owner of its organization, or a member of the studio
 * itself), or null when they have none — the one rule pages and API routes share.
 */
export async function resolveStudioRole(
  db: Db,
  userId: string,
  studioId: string,
): Promise<{ role: Role; studio: typeof studios.$inferSelect } | null> {
  if (!UUID.test(studioId)) return null;
  const [studio] = await db.select().from(studios).where(eq(studios.id, studioId));
  if (!studio) return null;
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organizationId, studio.organizationId),
        or(
          and(eq(memberships.role, "owner"), isNull(memberships.studioId)),
          eq(memberships.studioId, studioId),
        ),
      ),
    );
  const order: Role[] = ["owner", "manager", "front_desk"];
  const role = order.find((r) => rows.some((row) => row.role === r));
  return role ? { role, studio } : null;
}

/** Studios a user can work in: every studio of organizations they own, plus their own studios. */
export async function accessibleStudios(db: Db, userId: string) {
  const rows = await db.select().from(memberships).where(eq(memberships.userId, userId));
  const ownedOrgs = rows
    .filter((r) => r.role === "owner" && r.studioId === null)
    .map((r) => r.organizationId);
  const memberStudios = rows.filter((r) => r.studioId !== null).map((r) => r.studioId as string);
  if (ownedOrgs.length === 0 && memberStudios.length === 0) return [];
  return db
    .select({
      id: studios.id,
      name: studios.name,
      timeZone: studios.timeZone,
      primaryColor: studios.primaryColor,
    })
    .from(studios)
    .where(
      or(
        ownedOrgs.length ? inArray(studios.organizationId, ownedOrgs) : undefined,
        memberStudios.length ? inArray(studios.id, memberStudios) : undefined,
      ),
    )
    .orderBy(studios.name);
}
