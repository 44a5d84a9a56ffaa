import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, queryRows, type DbHandle } from "@/lib/db/connect";
import { MIGRATIONS_FOLDER, runMigrations } from "@/lib/db/migrate";
import { accessLinks, emailOutbox, organizations, studios, unlockAudit } from "@/lib/db/schema";
import {
  postgresAvailable,
  startPostgres,
  type PostgresServer,
} from "../../support/postgres-server";

const EXPECTED_TABLES = [
  "access_links",
  "account",
  "api_tokens",
  "brand_templates",
  "bulk_batch_rows",
  "bulk_batches",
  "door_settings",
  "email_outbox",
  "kisi_credentials",
  "kisi_group_doors",
  "kisi_pacing",
  "memberships",
  "organization_security",
  "organizations",
  "pass_types",
  "passkey",
  "rate_limit",
  "rate_limit_counters",
  "session",
  "sign_in_throttle",
  "staff_audit",
  "staff_invitations",
  "studio_logos",
  "studios",
  "totp_last_step",
  "two_factor",
  "unlock_audit",
  "unlock_waits",
  "user",
  "verification",
  "webhook_attempts",
  "webhook_deliveries",
  "webhook_endpoints",
  "webhook_events",
];

/** The same migration cases for every database Latchkey runs on. */
function migrationSuite(open: () => Promise<{ handle: DbHandle; cleanup?: () => void }>) {
  let handle: DbHandle;
  let cleanup: (() => void) | undefined;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await runMigrations(handle);
  });
  afterAll(async () => {
    await handle?.close();
    cleanup?.();
  });

  it("create every table of the schema", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(EXPECTED_TABLES);
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
      locale: "en" as const,
      validFrom: new Date("2026-01-01T10:00:00Z"),
      validUntil: new Date("2026-01-01T12:00:00Z"),
      idempotencyKey: "key-1",
    };
    const [created] = await handle.db.insert(accessLinks).values(link).returning();
    expect(created?.status).toBe("creating");
    expect(created?.validFrom.toISOString()).toBe("2026-01-01T10:00:00.000Z");

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
}

describe("migrations on a fresh PGlite", () => {
  migrationSuite(async () => ({ handle: connectDatabase({ kind: "memory" }) }));
});

describe.skipIf(!postgresAvailable())(
  "migrations on a PostgreSQL server — skipped: apt-get install postgresql",
  () => {
    let server: PostgresServer;

    describe("one instance", () => {
      migrationSuite(async () => {
        server = await startPostgres();
        return {
          handle: connectDatabase({ kind: "postgres", url: server.url }),
          cleanup: () => server.stop(),
        };
      });
    });

    it("lets several instances start at once: each migrates, the schema is applied exactly once", async () => {
      const pg = await startPostgres();
      const handles = Array.from({ length: 3 }, () =>
        connectDatabase({ kind: "postgres", url: pg.url }),
      );
      try {
        await Promise.all(handles.map((h) => runMigrations(h)));
        const applied = await queryRows<{ n: number }>(
          handles[0]!.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        expect(applied[0]?.n).toBe(
          readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).length,
        );
      } finally {
        await Promise.all(handles.map((h) => h.close()));
        pg.stop();
      }
    });
  },
);
