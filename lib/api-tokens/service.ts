import "server-only";
import { and, desc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import { hitRateLimit, type RateLimitResult } from "@/lib/access/rate-limit";
import type { Db } from "@/lib/db";
import { apiTokens, memberships, studios, user } from "@/lib/db/schema";
import { displayPrefix, generateApiToken, hashApiToken, isWellFormedApiToken } from "./token";
import { isUuid } from "@/lib/schemas/ids";
import { recordStaffChange } from "@/lib/staff-audit/record";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** What the dashboard and GET /api-tokens show: never the token or its hash. */
export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: "active" | "revoked";
  /**
   * The person who created it no longer works here (removed from the studio, or their account
   * deleted). The token keeps working — a booking system must not stop silently when a manager
   * leaves — so owners and managers are shown this, and revoke or replace it.
   */
  creatorRemoved: boolean;
};

export const API_TOKEN_LIMITS = {
  /** Requests per token per window: plenty for a booking system, a ceiling for a runaway loop. */
  requestsPerWindow: 600,
  windowSeconds: 60,
  /** last_used_at is written at most this often per token. */
  lastUsedResolutionSeconds: 60,
} as const;

/**
 * Creates a token for a studio. The returned `token` is the only time it exists in clear: the
 * caller shows it once and forgets it.
 */
export async function createApiToken(
  db: Db,
  input: { studioId: string; name: string; createdBy: string | null },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = generateApiToken();
  const [row] = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(apiTokens)
      .values({
        studioId: input.studioId,
        name: input.name,
        prefix: displayPrefix(token),
        tokenHash: hashApiToken(token),
        createdBy: input.createdBy,
      })
      .returning();
    await recordStaffChange(tx, {
      studioId: input.studioId,
      kind: "api_token",
      action: "created",
      subject: `${input.name} (${displayPrefix(token)}…)`,
    });
    return rows;
  });
  if (!row) throw new Error("api token insert returned no row");
  return { token, summary: toSummary(row, null, false) };
}

/** A studio's tokens, newest first, revoked ones included (the history matters). */
export async function listApiTokens(db: Db, studioId: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .select({ token: apiTokens, creatorName: user.name })
    .from(apiTokens)
    .leftJoin(user, eq(user.id, apiTokens.createdBy))
    .where(eq(apiTokens.studioId, studioId))
    .orderBy(desc(apiTokens.createdAt));
  const present = await creatorsStillHere(
    db,
    studioId,
    rows.map((r) => r.token.createdBy),
  );
  return rows.map((r) =>
    toSummary(r.token, r.creatorName, !r.token.createdBy || !present.has(r.token.createdBy)),
  );
}

/**
 * Which of these users still work at the studio: an owner of its organization or a member of the
 * studio itself (any role; the same rule as resolveStudioRole, for many users in one query).
 */
async function creatorsStillHere(
  db: Db,
  studioId: string,
  userIds: (string | null)[],
): Promise<Set<string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Set();
  const [studio] = await db
    .select({ organizationId: studios.organizationId })
    .from(studios)
    .where(eq(studios.id, studioId));
  if (!studio) return new Set();
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        inArray(memberships.userId, ids),
        eq(memberships.organizationId, studio.organizationId),
        or(
          and(eq(memberships.role, "owner"), isNull(memberships.studioId)),
          eq(memberships.studioId, studioId),
        ),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

/**
 * Revokes one of the studio's tokens; the next request with it is a 401. Revoking twice keeps
 * the first time. Null when the id is not a token of this studio (the route answers 404).
 */
export async function revokeApiToken(
  db: Db,
  studioId: string,
  tokenId: string,
  now = new Date(),
): Promise<ApiTokenSummary | null> {
  if (!isUuid(tokenId)) return null;
  const where = and(eq(apiTokens.id, tokenId), eq(apiTokens.studioId, studioId));
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(where, isNull(apiTokens.revokedAt)))
      .returning();
    if (revoked)
      await recordStaffChange(tx, {
        studioId,
        kind: "api_token",
        action: "revoked",
        subject: `${revoked.name} (${revoked.prefix}…)`,
      });
  });
  const [row] = await db.select().from(apiTokens).where(where);
  if (!row) return null;
  const present = await creatorsStillHere(db, studioId, [row.createdBy]);
  return toSummary(row, null, !row.createdBy || !present.has(row.createdBy));
}

/**
 * The live token a Bearer value names, or null for a malformed, unknown or revoked one — all
 * three are the same 401 to the caller. Looked up by hash, never compared in code.
 */
export async function findActiveApiToken(db: Db, token: string): Promise<ApiTokenRow | null> {
  if (!isWellFormedApiToken(token)) return null;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  return row ?? null;
}

/**
 * Records use, at most once per resolution window: one conditional UPDATE, so concurrent
 * requests on several instances write once between them. Returns whether it wrote.
 */
export async function touchApiToken(db: Db, tokenId: string, now = new Date()): Promise<boolean> {
  const cutoff = new Date(now.getTime() - API_TOKEN_LIMITS.lastUsedResolutionSeconds * 1000);
  const updated = await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, cutoff)),
      ),
    )
    .returning({ id: apiTokens.id });
  return updated.length > 0;
}

/** One request against the token's budget, in the shared PostgreSQL counters (B-4). */
export function throttleApiToken(
  db: Db,
  tokenId: string,
  now = new Date(),
): Promise<RateLimitResult> {
  return hitRateLimit(
    db,
    apiTokenRateKey(tokenId),
    API_TOKEN_LIMITS.requestsPerWindow,
    API_TOKEN_LIMITS.windowSeconds,
    now,
  );
}

export function apiTokenRateKey(tokenId: string): string {
  return `api-token:${tokenId}`;
}

/** How issued links record a token as their creator (access_links.created_by). */
export function apiTokenActorRef(tokenId: string): string {
  return `${API_TOKEN_ACTOR}${tokenId}`;
}
const API_TOKEN_ACTOR = "api-token:";

/** The token id in a creator reference written by apiTokenActorRef, or null for a person's. */
export function apiTokenIdOfActor(ref: string | null): string | null {
  return ref?.startsWith(API_TOKEN_ACTOR) ? ref.slice(API_TOKEN_ACTOR.length) : null;
}

function toSummary(
  row: ApiTokenRow,
  creatorName: string | null,
  creatorRemoved: boolean,
): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: creatorName,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : "active",
    creatorRemoved,
  };
}
