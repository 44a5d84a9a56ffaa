import "server-only";
import { and, eq, isNull, or } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { assertSameOrigin } from "@/lib/api/request-guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
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
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: req.headers });
  if (!session) throw new ApiError("unauthorized");
  if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req, getConfig().appOrigin);
  if (!UUID.test(studioId)) throw new ApiError("not_found");

  const db = await getDb();
  const [studio] = await db.select().from(studios).where(eq(studios.id, studioId));
  if (!studio) throw new ApiError("not_found");
  const rows = await db
    .select({ role: memberships.role, studioId: memberships.studioId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, session.user.id),
        eq(memberships.organizationId, studio.organizationId),
        or(
          and(eq(memberships.role, "owner"), isNull(memberships.studioId)),
          eq(memberships.studioId, studioId),
        ),
      ),
    );
  if (rows.length === 0) throw new ApiError("not_found");
  const role = rows.find((r) => roles.includes(r.role))?.role;
  if (!role) throw new ApiError("forbidden");
  return { userId: session.user.id, role, studio };
}
