import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, queryRows, type DbHandle } from "@/lib/db/connect";
import { MIGRATIONS_FOLDER, runMigrations } from "@/lib/db/migrate";
import { accessLinks, emailOutbox, organizations, studios, unlockAudit } from "@/lib/db/schema";

let handle: DbHandle;

beforeAll(async () => {
  handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
});
afterAll(async () => handle.close());

async function tableNames(): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe("migrations on a fresh PGlite", () => {
  it("create every table of the schema", async () => {
    expect(await tableNames()).toEqual([
      "access_links",
      "account",
      "door_settings",
      "email_outbox",
      "kisi_credentials",
      "memberships",
      "organizations",
      "rate_limit",
      "session",
      "studios",
      "unlock_audit",
      "user",
      "verification",
    ]);
  });

  it("record each checked-in migration once and are idempotent on a second run", async () => {
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql"));
    await runMigrations(handle);
    const applied = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(files.length);
  });

  it("enforce the constraints the code relies on", async () => {
    const [org] = await handle.db.insert(organizations).values({ name: "Org" }).returning();
    const [studio] = await handle.db
      .insert(studios)
      .values({ organizationId: org!.id, name: "Studio" })
      .returning();
    expect(studio).toMatchObject({
      timeZone: "UTC",
      geofenceEnabled: false,
      geofenceRadiusM: 100,
      geofenceMaxAccuracyM: 150,
      geofenceMaxAgeS: 60,
    });

    const link = {
      studioId: studio!.id,
      tokenHash: "a".repeat(64),
      tokenCiphertext: "lk1.x.y.z",
      kisiName: "Guest · L1",
      guestName: "Guest",
      locale: "en",
      validFrom: new Date("2026-01-01T10:00:00Z"),
      validUntil: new Date("2026-01-01T12:00:00Z"),
      idempotencyKey: "key-1",
    };
    const [created] = await handle.db.insert(accessLinks).values(link).returning();
    expect(created?.status).toBe("creating");

    // Unique token hash, unique Kisi name, unique idempotency key per studio, window order.
    await expect(
      handle.db.insert(accessLinks).values({ ...link, kisiName: "other", idempotencyKey: null }),
    ).rejects.toThrow();
    await expect(
      handle.db
        .insert(accessLinks)
        .values({ ...link, tokenHash: "b".repeat(64), idempotencyKey: null }),
    ).rejects.toThrow();
    await expect(
      handle.db.insert(accessLinks).values({ ...link, tokenHash: "c".repeat(64), kisiName: "n3" }),
    ).rejects.toThrow();
    await expect(
      handle.db.insert(accessLinks).values({
        ...link,
        tokenHash: "d".repeat(64),
        kisiName: "n4",
        idempotencyKey: null,
        validUntil: link.validFrom,
      }),
    ).rejects.toThrow();
    await expect(
      handle.db
        .insert(studios)
        .values({ organizationId: org!.id, name: "Bad", geofenceRadiusM: 0 }),
    ).rejects.toThrow();

    const [outbox] = await handle.db
      .insert(emailOutbox)
      .values({
        linkId: created!.id,
        studioId: studio!.id,
        recipient: "guest@example.com",
        locale: "en",
      })
      .returning();
    expect(outbox).toMatchObject({ status: "pending", attempts: 0, kind: "access_link" });

    const [audit] = await handle.db
      .insert(unlockAudit)
      .values({
        linkId: created!.id,
        studioId: studio!.id,
        kisiLockId: 5001,
        outcome: "too_far",
        allowed: false,
        distanceM: 412.5,
      })
      .returning();
    expect(audit).toMatchObject({ outcome: "too_far", allowed: false, distanceM: 412.5 });
  });
});
