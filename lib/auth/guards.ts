import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { NextRequest } from "next/server";
import {
  apiTokenActorRef,
  findActiveApiToken,
  throttleApiToken,
  touchApiToken,
} from "@/lib/api-tokens/service";
import { ApiError } from "@/lib/api/errors";
import { assertSameOrigin } from "@/lib/api/request-guards";
import { getConfig } from "@/lib/config";
import { getDb, type Db } from "@/lib/db";
import { memberships, studios, type Role } from "@/lib/db/schema";
import { getSession } from "./index";
import { mustEnrolTwoFactor } from "./two-factor-policy";
import { isUuid } from "@/lib/schemas/ids";
import { setStaffActor } from "@/lib/staff-audit/context";

export type StudioActor = {
  kind: "user";
  userId: string;
  role: Role;
  studio: typeof studios.$inferSelect;
};

/**
 * A booking system calling with a studio API token: bound to that one studio, with front-desk
 * permissions (issue, list, read, change, revoke and resend links) and nothing more.
 */
export type ApiTokenActor = {
  kind: "api_token";
  tokenId: string;
  role: "front_desk";
  studio: typeof studios.$inferSelect;
};

export type StudioPrincipal = StudioActor | ApiTokenActor;

/** The role an API token acts with: front desk, so manager-only routes answer it 403. */
const API_TOKEN_ROLE = "front_desk" as const;

/**
 * The caller must be signed in and hold one of `roles` for this studio: an owner of its
 * organization, or a member of the studio itself. Checked inside every handler, never only in
 * proxy.ts (SECURITY.md F-1, F-3). Another tenant's studio is a 404, like one that does not exist.
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
  return { kind: "user", userId, role, studio };
}

/**
 * Like requireStudioRole, for the routes that also serve booking systems (the Studio API's links
 * routes): a route opts in by calling this guard instead, so no session-only route ever accepts a
 * token by accident. With `Authorization: Bearer …` the request is decided by the token alone
 * (a session cookie beside it is ignored): a malformed, unknown or revoked token is 401, a token
 * of another studio is 404 (like an unknown studio), more than the token's budget is 429. There
 * is no same-origin check for a token request: no cookie is involved, so there is nothing to
 * forge. Without a Bearer header this is requireStudioRole.
 */
export async function requireStudioRoleOrApiToken(
  req: NextRequest,
  studioId: string,
  roles: readonly Role[],
): Promise<StudioPrincipal> {
  const bearer = bearerCredential(req);
  if (bearer === null) return requireStudioRole(req, studioId, roles);
  const db = await getDb();
  const token = bearer === "" ? null : await findActiveApiToken(db, bearer);
  if (!token) throw new ApiError("unauthorized");
  const budget = await throttleApiToken(db, token.id);
  if (!budget.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: budget.retryAfterSeconds });
  await touchApiToken(db, token.id);
  if (token.studioId !== studioId) throw new ApiError("not_found");
  const [studio] = await db.select().from(studios).where(eq(studios.id, token.studioId));
  if (!studio) throw new ApiError("not_found");
  if (!roles.includes(API_TOKEN_ROLE)) throw new ApiError("forbidden");
  setStaffActor({ kind: "api_token", tokenId: token.id });
  return { kind: "api_token", tokenId: token.id, role: API_TOKEN_ROLE, studio };
}

/** Who did it, for records such as access_links.created_by: a user id or `api-token:<id>`. */
export function principalRef(principal: StudioPrincipal): string {
  return principal.kind === "api_token" ? apiTokenActorRef(principal.tokenId) : principal.userId;
}

/**
 * The Bearer credential: null without one, "" for a malformed one (a 401 wherever it is sent).
 * Other schemes (a proxy's Basic auth in front of the dashboard) are not ours and are ignored.
 */
function bearerCredential(req: NextRequest): string | null {
  const header = req.headers.get("authorization");
  if (header === null || !/^bearer(\s|$)/i.test(header.trim())) return null;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/i.exec(header.trim());
  return match?.[1] ?? "";
}

/**
 * The signed-in user's id, or 401. Cookie-authenticated writes must come from our own origin:
 * route handlers get no CSRF check from Next. Any Bearer token is a 401 here: the session-only
 * routes (settings, Kisi key, logo, staff, API tokens) are out of a token's reach.
 */
export async function requireSignedIn(req: NextRequest): Promise<string> {
  // A Bearer request is decided by its token alone, and session-only routes take no tokens:
  // a booking system's token never rides along on a session it happens to share a client with.
  if (bearerCredential(req) !== null) throw new ApiError("unauthorized");
  const session = await getSession(req.headers);
  if (!session) throw new ApiError("unauthorized");
  if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req, getConfig().appOrigin);
  // An organization that requires two-factor: nothing until this person has enrolled (the
  // enrolment itself goes through /api/auth, not through here).
  if (await mustEnrolTwoFactor(await getDb(), session.user.id))
    throw new ApiError("two_factor_required");
  setStaffActor({ kind: "user", userId: session.user.id });
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
  if (!isUuid(studioId)) return null;
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
