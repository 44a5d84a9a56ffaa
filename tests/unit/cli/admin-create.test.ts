import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-admin-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function adminCreate(args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions=react-server",
      "lib/cli/admin-create.ts",
      ...args,
    ],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        LATCHKEY_DEMO: "1",
        LATCHKEY_DATA_DIR: dataDir,
        ...env,
      },
      encoding: "utf8",
      timeout: 110_000,
    },
  );
}

// Each case spawns the CLI through tsx, which takes tens of seconds on a busy 2-core machine.
describe("npm run admin:create", { timeout: 120_000 }, () => {
  it("creates an organization and its owner, printing a generated password once", async () => {
    const result = adminCreate([
      "--email",
      "ada@studio.example",
      "--name",
      "Ada Owner",
      "--organization",
      "Studio Co",
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Created Studio Co and its owner ada@studio.example.");
    const password =
      /Password \(shown once, change it after signing in\): (\S+)/.exec(result.stdout)?.[1] ?? "";
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const db = new PGlite(path.join(dataDir, "pglite"));
    const { rows } = await db.query<{ role: string; org: string; hash: string }>(
      `select m.role, o.name as org, a.password as hash from "user" u join memberships m on m.user_id = u.id
       join organizations o on o.id = m.organization_id join account a on a.user_id = u.id where u.email = 'ada@studio.example'`,
    );
    await db.close();
    expect(rows).toEqual([{ role: "owner", org: "Studio Co", hash: expect.any(String) }]);
    expect(rows[0]?.hash).not.toContain(password);
  });

  it("refuses an email that already has an account, and bad arguments", () => {
    const again = adminCreate(
      ["--email", "ada@studio.example", "--name", "Ada", "--organization", "Other"],
      { ADMIN_PASSWORD: "a-long-enough-password" },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("an account with ada@studio.example already exists");
    const bad = adminCreate(["--email", "nope", "--name", "", "--organization", "X"], {
      ADMIN_PASSWORD: "short",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--email must be an email address");
    expect(bad.stderr).toContain("--name is required");
    expect(bad.stderr).toContain("ADMIN_PASSWORD must be at least 12 characters");
  });
});
