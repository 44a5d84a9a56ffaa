import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { studios } from "@/lib/db/schema";
import { DEMO_IDS, seedDemo } from "@/lib/demo/seed";
import { findPostgresBin, postgresAvailable, startPostgres } from "../../support/postgres-server";
import { startProcess } from "../../support/processes";

/**
 * `npm run db:backup` / `npm run db:restore`, run as an operator runs them, round trip: a backup
 * taken, the data changed afterwards, the backup restored — the change is gone, the rest is there.
 */
const ROOT = path.resolve(__dirname, "../../..");

async function npmRun(script: string, args: string[], env: Record<string, string>) {
  const proc = startProcess("npm", ["run", "--silent", script, "--", ...args], env);
  const code = await new Promise<number | null>((resolve) => proc.child.once("exit", resolve));
  return { code, output: proc.output() };
}

async function studioName(handle: DbHandle): Promise<string | undefined> {
  const [row] = await handle.db
    .select({ name: studios.name })
    .from(studios)
    .where(eq(studios.id, DEMO_IDS.studio));
  return row?.name;
}

async function migrateAndSeed(handle: DbHandle): Promise<void> {
  await runMigrations(handle);
  await seedDemo(handle.db, parseConfig({ LATCHKEY_DEMO: "1" }));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "latchkey-backup-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded database (PGlite)", () => {
  it(
    "round trip: backup, change, refused restore over it, forced restore brings the backup back",
    { timeout: 240_000 },
    async () => {
      const env = { LATCHKEY_DEMO: "1", LATCHKEY_DATA_DIR: path.join(dir, "data") };
      const dataDir = parseConfig(env, ROOT).database;
      if (dataDir.kind !== "pglite") throw new Error("expected the embedded database");
      let handle = connectDatabase(dataDir);
      await migrateAndSeed(handle);
      const original = await studioName(handle);
      expect(original).toBeTruthy();
      await handle.close();

      const file = path.join(dir, "embedded.tar.gz");
      const backup = await npmRun("db:backup", ["--out", file], env);
      expect(backup.output).toContain("backed up to");
      expect(backup.code).toBe(0);
      expect(existsSync(file)).toBe(true);

      handle = connectDatabase(dataDir);
      await handle.db
        .update(studios)
        .set({ name: "Changed after the backup" })
        .where(eq(studios.id, DEMO_IDS.studio));
      await handle.close();

      // Over an existing database without --force: refused, nothing touched.
      const refused = await npmRun("db:restore", ["--from", file], env);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("--force");

      const restored = await npmRun("db:restore", ["--from", file, "--force"], env);
      expect(restored.output).toContain("restored from");
      expect(restored.code).toBe(0);
      const aside = readdirSync(path.dirname(dataDir.dataDir)).filter((f) =>
        f.includes(".before-restore-"),
      );
      expect(aside).toHaveLength(1);

      handle = connectDatabase(dataDir);
      try {
        expect(await studioName(handle)).toBe(original);
        // The migration history came along: nothing left to apply.
        await runMigrations(handle);
      } finally {
        await handle.close();
      }
      // The database that was replaced is kept, with the change.
      const kept = connectDatabase({
        kind: "pglite",
        dataDir: path.join(path.dirname(dataDir.dataDir), aside[0]!),
      });
      try {
        expect(await studioName(kept)).toBe("Changed after the backup");
      } finally {
        await kept.close();
      }
    },
  );

  it(
    "a file that is not a backup is refused and leaves nothing behind",
    { timeout: 120_000 },
    async () => {
      const env = { LATCHKEY_DEMO: "1", LATCHKEY_DATA_DIR: path.join(dir, "fresh") };
      const bogus = path.join(dir, "bogus.tar.gz");
      writeFileSync(bogus, "not a tarball");
      const res = await npmRun("db:restore", ["--from", bogus], env);
      expect(res.code).not.toBe(0);
      expect(res.output).toContain("not a database backup");
      expect(existsSync(path.join(dir, "fresh", "pglite"))).toBe(false);
      expect(existsSync(path.join(dir, "fresh", "pglite.restoring"))).toBe(false);
    },
  );
});

describe.skipIf(!postgresAvailable())("a PostgreSQL server (pg_dump / pg_restore)", () => {
  it("round trip with the server's own pg_dump and pg_restore", { timeout: 180_000 }, async () => {
    const pg = await startPostgres();
    try {
      const env = { LATCHKEY_DEMO: "1", DATABASE_URL: pg.url };
      const pgBin = findPostgresBin()!;
      let handle = connectDatabase({ kind: "postgres", url: pg.url });
      await migrateAndSeed(handle);
      const original = await studioName(handle);
      await handle.close();

      const file = path.join(dir, "server.dump");
      const backup = await npmRun("db:backup", ["--out", file, "--pg-bin", pgBin], env);
      expect(backup.output).toContain("pg_dump");
      expect(backup.code).toBe(0);

      handle = connectDatabase({ kind: "postgres", url: pg.url });
      await handle.db
        .update(studios)
        .set({ name: "Changed after the backup" })
        .where(eq(studios.id, DEMO_IDS.studio));
      await handle.close();

      const restored = await npmRun("db:restore", ["--from", file, "--pg-bin", pgBin], env);
      expect(restored.output).toContain("pg_restore");
      expect(restored.code).toBe(0);
      handle = connectDatabase({ kind: "postgres", url: pg.url });
      try {
        expect(await studioName(handle)).toBe(original);
        await runMigrations(handle);
      } finally {
        await handle.close();
      }
    } finally {
      pg.stop();
    }
  });
});
