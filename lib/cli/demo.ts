/**
 * npm run demo — Latchkey with everything embedded, no configuration needed:
 * builds the app if the sources changed, starts the Kisi emulator with its demo organization,
 * migrates and seeds an embedded PGlite database (data/demo), captures emails instead of
 * sending them (unless SMTP_URL and EMAIL_FROM are set: then it sends through that server), starts the production server, and prints where to go and how to sign in.
 *
 * Options: --port <app port, default 3000>, --kisi-port <emulator port, default 3011>,
 * or PORT / KISI_EMULATOR_PORT; --host localhost serves the demo as http://localhost:<port>
 * instead of http://127.0.0.1:<port> (passkeys need a host name: WebAuthn refuses an IP address
 * as relying party, and localhost counts as secure without https). LATCHKEY_DATA_DIR moves the
 * data folder.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseConfig } from "@/lib/config/parse-config";
import { DEMO_ACCOUNT } from "@/lib/demo/constants";
import { startKisiEmulator, type KisiEmulator } from "@/lib/kisi/emulator";
import { SAMPLES_PREFIX } from "./demo-seed-output";

const ROOT = process.cwd();
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "instrumentation.ts",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds when there is no production build or a source is newer than it. */
function buildIfNeeded(): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  if (builtAt > changedAt) return;
  console.log(
    builtAt
      ? "Sources changed since the last build: rebuilding…"
      : "First run: building Latchkey (about a minute)…",
  );
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed; see the output above.");
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode}; see the output above.`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

/** Runs lib/cli/demo-seed.ts to its end and returns the sample links it printed. */
function seedInChild(env: NodeJS.ProcessEnv): Promise<{ studio: string; url: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(ROOT, "lib", "cli", "demo-seed.ts"),
      ],
      { env, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = output.split("\n").find((l) => l.startsWith(SAMPLES_PREFIX));
      if (code !== 0 || !line)
        return reject(new Error(`preparing the demo database failed (exit ${code}); see above.`));
      resolve(JSON.parse(line.slice(SAMPLES_PREFIX.length)) as { studio: string; url: string }[]);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "kisi-port": { type: "string" },
      host: { type: "string" },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const kisiPort = Number(values["kisi-port"] ?? process.env.KISI_EMULATOR_PORT ?? 3011);
  const host = values.host ?? "127.0.0.1";
  if (host !== "127.0.0.1" && host !== "localhost")
    throw new Error(`--host must be 127.0.0.1 or localhost: the demo only listens on loopback.`);
  // The public origin (links, cookies, the origin check, passkeys' relying party); the server
  // itself always listens on 127.0.0.1, which browsers reach for localhost too.
  const appOrigin = `http://${host}:${port}`;
  const listenOrigin = `http://127.0.0.1:${port}`;

  buildIfNeeded();

  let emulator: KisiEmulator;
  try {
    emulator = await startKisiEmulator({
      port: kisiPort,
      seed: "demo",
      stateFile: path.join(
        process.env.LATCHKEY_DATA_DIR ?? path.join("data", "demo"),
        "kisi-emulator.json",
      ),
    });
  } catch (error) {
    throw new Error(
      `could not start the Kisi emulator on port ${kisiPort} (${(error as Error).message}); pass --kisi-port to use another.`,
    );
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LATCHKEY_DEMO: "1",
    APP_ORIGIN: appOrigin,
    KISI_BASE_URL: emulator.url,
    LATCHKEY_DATA_DIR: process.env.LATCHKEY_DATA_DIR ?? path.join("data", "demo"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Demo mode is embedded by definition: never touch a server database from here. Emails are
  // captured unless SMTP_URL is set on purpose (with EMAIL_FROM), e.g. a local test mail server:
  // then the demo sends them, so the whole journey down to the guest's inbox can be tried.
  delete env.DATABASE_URL;

  // Seed before the server opens the database: PGlite allows one process at a time. In a child
  // that ends when done, so its PGlite memory is not kept for the demo's lifetime (demo-seed.ts).
  const config = parseConfig(env);
  const samples = await seedInChild(env);

  // The production server (`npm start`: lib/server/serve.ts, which sets the trusted client
  // address and refuses malformed URLs) on Node with tsx's loader — not tsx's CLI, which would
  // keep a second Node process alive only to relay signals — and in this process's group:
  // whoever stops the demo (Ctrl+C, a test runner killing the group) stops the server with it.
  // Nothing sits in front of the demo, so by default the socket is the client address
  // (TRUSTED_PROXY_HOPS=0) and a forged X-Forwarded-For changes nothing.
  const server = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(ROOT, "lib", "server", "serve.ts"),
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    { env, stdio: "inherit" },
  );
  const stop = () => {
    server.kill("SIGTERM");
    void emulator.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    void emulator.close().finally(() => process.exit(code ?? 1));
  });

  await waitForHealth(listenOrigin, server);
  const row = (label: string, value: string) => `  ${`${label}:`.padEnd(23)}${value}`;
  console.log(
    [
      "",
      "  Latchkey demo is running.",
      "",
      row("App", appOrigin),
      host === "localhost"
        ? row("Passkeys", "on (served as localhost)")
        : row("Passkeys", "off on 127.0.0.1; start with --host localhost to try them"),
      row("Sign in as", `${DEMO_ACCOUNT.email}  /  ${DEMO_ACCOUNT.password}`),
      ...samples.map((sample) => row(sample.studio, sample.url)),
      row("Kisi emulator", `${emulator.url}  (demo organization, 3 + 2 guest doors)`),
      row("Data", `${path.resolve(env.LATCHKEY_DATA_DIR ?? "")} (delete it to start over)`),
      config.email.kind === "smtp"
        ? `  Emails are sent through ${new URL(config.email.url).host} (SMTP_URL).`
        : "  Emails are captured in the outbox instead of being sent.",
      "",
      "  Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(`\nThe demo could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
