import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, queryRows, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { apiTokens, organizations, rateLimitCounters, studios } from "@/lib/db/schema";
import {
  API_TOKEN_LIMITS,
  apiTokenRateKey,
  createApiToken,
  findActiveApiToken,
  listApiTokens,
  revokeApiToken,
  throttleApiToken,
  touchApiToken,
} from "@/lib/api-tokens/service";
import { API_TOKEN_PATTERN, generateApiToken, hashApiToken } from "@/lib/api-tokens/token";

let handle: DbHandle;
const STUDIO = "00000000-0000-4000-8000-0000000000a1";
const OTHER_STUDIO = "00000000-0000-4000-8000-0000000000a2";

beforeAll(async () => {
  handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
  const [org] = await handle.db.insert(organizations).values({ name: "Org" }).returning();
  await handle.db.insert(studios).values([
    { id: STUDIO, organizationId: org!.id, name: "One" },
    { id: OTHER_STUDIO, organizationId: org!.id, name: "Two" },
  ]);
});
afterAll(() => handle.close());

describe("token format", () => {
  it("is lk_ and 43 base64url characters (256 bits), unique across many", () => {
    const tokens = new Set(Array.from({ length: 10_000 }, generateApiToken));
    expect(tokens.size).toBe(10_000);
    for (const token of [...tokens].slice(0, 100)) expect(token).toMatch(API_TOKEN_PATTERN);
  });

  it("hashes with SHA-256", () => {
    const token = generateApiToken();
    expect(hashApiToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
  });
});

describe("createApiToken", () => {
  it("stores only the hash and a short prefix: the database never holds the token", async () => {
    const { token, summary } = await createApiToken(handle.db, {
      studioId: STUDIO,
      name: "Booking system",
      createdBy: null,
    });
    expect(token).toMatch(API_TOKEN_PATTERN);
    expect(summary).toMatchObject({ name: "Booking system", status: "active", lastUsedAt: null });
    expect(summary.prefix).toBe(token.slice(0, 9));
    expect(JSON.stringify(summary)).not.toContain(token);

    const [row] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(row?.tokenHash).toBe(hashApiToken(token));
    const dump = await queryRows(handle.db, sql`select * from api_tokens`);
    expect(JSON.stringify(dump)).not.toContain(token);
    expect(JSON.stringify(dump)).not.toContain(token.slice(3)); // not even without the prefix
  });

  it("lists a studio's tokens newest first, and only that studio's", async () => {
    await createApiToken(handle.db, { studioId: OTHER_STUDIO, name: "Elsewhere", createdBy: null });
    const { summary } = await createApiToken(handle.db, {
      studioId: STUDIO,
      name: "Newest",
      createdBy: null,
    });
    const list = await listApiTokens(handle.db, STUDIO);
    expect(list[0]?.id).toBe(summary.id);
    expect(list.map((t) => t.name)).not.toContain("Elsewhere");
  });
});

describe("findActiveApiToken and revokeApiToken", () => {
  it("finds a live token by its value, and nothing for a malformed or unknown one", async () => {
    const { token, summary } = await createApiToken(handle.db, {
      studioId: STUDIO,
      name: "Live",
      createdBy: null,
    });
    expect((await findActiveApiToken(handle.db, token))?.id).toBe(summary.id);
    expect(await findActiveApiToken(handle.db, generateApiToken())).toBeNull();
    expect(await findActiveApiToken(handle.db, token.slice(0, -1))).toBeNull();
    expect(await findActiveApiToken(handle.db, token.slice(3))).toBeNull();
  });

  it("revokes within the studio only, keeps the first revocation time, and the token stops working", async () => {
    const { token, summary } = await createApiToken(handle.db, {
      studioId: STUDIO,
      name: "To revoke",
      createdBy: null,
    });
    expect(await revokeApiToken(handle.db, OTHER_STUDIO, summary.id)).toBeNull();
    expect(await findActiveApiToken(handle.db, token)).not.toBeNull();
    expect(await revokeApiToken(handle.db, STUDIO, "not-a-uuid")).toBeNull();

    const first = new Date("2026-01-01T10:00:00Z");
    const revoked = await revokeApiToken(handle.db, STUDIO, summary.id, first);
    expect(revoked).toMatchObject({ status: "revoked", revokedAt: first.toISOString() });
    const again = await revokeApiToken(handle.db, STUDIO, summary.id, new Date());
    expect(again?.revokedAt).toBe(first.toISOString());
    expect(await findActiveApiToken(handle.db, token)).toBeNull();
  });
});

describe("touchApiToken", () => {
  it("writes last_used_at at most once a minute", async () => {
    const { summary } = await createApiToken(handle.db, {
      studioId: STUDIO,
      name: "Busy",
      createdBy: null,
    });
    const t0 = new Date("2026-02-01T09:00:00Z");
    const lastUsed = async () =>
      (await handle.db.select().from(apiTokens).where(eq(apiTokens.id, summary.id)))[0]?.lastUsedAt;

    expect(await touchApiToken(handle.db, summary.id, t0)).toBe(true);
    expect(await touchApiToken(handle.db, summary.id, new Date(t0.getTime() + 30_000))).toBe(false);
    expect(await touchApiToken(handle.db, summary.id, new Date(t0.getTime() + 59_000))).toBe(false);
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + 61_000);
    expect(await touchApiToken(handle.db, summary.id, later)).toBe(true);
    expect(await lastUsed()).toEqual(later);
  });
});

describe("throttleApiToken", () => {
  it("allows the budget per minute, then refuses with the seconds left in the window", async () => {
    const { summary } = await createApiToken(handle.db, {
      studioId: STUDIO,
      name: "Chatty",
      createdBy: null,
    });
    const now = new Date("2026-03-01T12:00:00Z");
    expect((await throttleApiToken(handle.db, summary.id, now)).allowed).toBe(true);
    // Spend the rest of the budget at once rather than in 599 round trips.
    await handle.db
      .update(rateLimitCounters)
      .set({ count: API_TOKEN_LIMITS.requestsPerWindow - 1 })
      .where(eq(rateLimitCounters.key, apiTokenRateKey(summary.id)));
    const last = await throttleApiToken(handle.db, summary.id, new Date(now.getTime() + 10_000));
    expect(last).toMatchObject({ allowed: true, count: API_TOKEN_LIMITS.requestsPerWindow });
    const over = await throttleApiToken(handle.db, summary.id, new Date(now.getTime() + 20_000));
    expect(over).toMatchObject({ allowed: false, retryAfterSeconds: 40 });
    const nextWindow = await throttleApiToken(
      handle.db,
      summary.id,
      new Date(now.getTime() + 61_000),
    );
    expect(nextWindow).toMatchObject({ allowed: true, count: 1 });
  });
});
