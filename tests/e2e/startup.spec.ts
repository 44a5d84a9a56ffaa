import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { SPARE_PORT } from "../../playwright.config";

/** Runs `npm start` (the production server) with an environment and collects how it ends. */
function startServer(
  env: Record<string, string>,
  port: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const base = { ...process.env };
    delete base.LATCHKEY_DEMO;
    const child = spawn(
      "npx",
      ["tsx", "lib/server/serve.ts", "-p", String(port), "-H", "127.0.0.1"],
      {
        env: {
          ...base,
          NEXT_TELEMETRY_DISABLED: "1",
          LATCHKEY_DATA_DIR: "data/e2e-startup",
          ...env,
        },
        detached: true,
      },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group is already gone
      }
      resolve({ code, output });
    });
  });
}

test("a bad configuration stops the production server, naming every bad variable and no value", async () => {
  const secretLooking = "0123456789abcdef-not-a-key";
  const { code, output } = await startServer(
    {
      APP_ORIGIN: "http://access.example.com",
      LATCHKEY_ENCRYPTION_KEY: secretLooking,
      KISI_BASE_URL: "http://api.kisi.io",
    },
    SPARE_PORT,
  );
  expect(code).toBe(1);
  expect(output).toContain("Latchkey cannot start.");
  expect(output).toMatch(/- APP_ORIGIN: must use https/);
  expect(output).toMatch(/- LATCHKEY_ENCRYPTION_KEY: must be 32 random bytes/);
  expect(output).toMatch(/- KISI_BASE_URL: must use https/);
  expect(output).toMatch(/- AUTH_SECRET: is required/);
  expect(output).not.toContain(secretLooking);
});
