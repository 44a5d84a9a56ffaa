import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";

const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-migrate-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run db:migrate`, as a process, with exactly the environment given. */
function migrate(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "lib/cli/migrate.ts"],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        ...env,
      },
      encoding: "utf8",
      timeout: 110_000,
    },
  );
}

// Each case spawns the CLI through tsx, which takes tens of seconds on a busy 2-core machine.
describe("npm run db:migrate", { timeout: 120_000 }, () => {
  it("migrates an embedded database and can run again", async () => {
    const env = { LATCHKEY_DEMO: "1", LATCHKEY_DATA_DIR: dataDir };
    const first = migrate(env);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      `Migrations applied to PGlite at ${path.join(dataDir, "pglite")}`,
    );
    expect(migrate(env).status).toBe(0);

    const db = new PGlite(path.join(dataDir, "pglite"));
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_name = 'access_links'",
    );
    await db.close();
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses a bad configuration, naming the variable and not its value", () => {
    const result = migrate({
      LATCHKEY_DEMO: "1",
      DATABASE_URL: "mysql://root:hunter2@db/latchkey",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(result.stderr).not.toContain("hunter2");
  });
});
