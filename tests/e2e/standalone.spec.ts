import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SPARE_PORT } from "../../playwright.config";
import { postgresAvailable, startPostgres, type PostgresServer } from "../support/postgres-server";
import {
  productionSecrets,
  runToEnd,
  startProcess,
  waitForHttp,
  type Proc,
} from "../support/processes";

/**
 * Issue #16: the deployable artifact. No container engine runs here, so this runs what the
 * images run: the standalone folder is completed by the same script the Dockerfile's build stage
 * runs, into a folder outside the repository (nothing can fall back on the checkout's
 * node_modules), and started with the `app` stage's CMD and ENV read from the Dockerfile, against
 * a real PostgreSQL server. The `worker` stage's CMD runs on the files that stage copies.
 */
test.describe.configure({ mode: "serial" });
test.skip(!postgresAvailable(), "PostgreSQL is not installed (apt-get install postgresql)");
test.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../..");
const ORIGIN = `http://127.0.0.1:${SPARE_PORT}`;
const METRICS_TOKEN = "standalone-metrics-token-0123456789abcdef";

type Stage = { cmd: string[]; env: Record<string, string>; copies: string[] };

/** One stage of the Dockerfile: its JSON-form CMD, its ENV, and what it COPYs from the context. */
function dockerfileStage(name: string): Stage {
  const text = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  const stages = text.split(/^FROM /m).slice(1);
  const stage = stages.find((s) =>
    new RegExp(`^\\S+ AS ${name}\\s*$`, "m").test(s.split("\n")[0]!),
  );
  if (!stage) throw new Error(`no stage ${name} in the Dockerfile`);
  const cmdLine = stage.split("\n").find((l) => l.startsWith("CMD "));
  if (!cmdLine) throw new Error(`stage ${name} has no CMD`);
  const env: Record<string, string> = {};
  for (const line of stage.split("\n").filter((l) => l.startsWith("ENV "))) {
    for (const pair of line.slice(4).trim().split(/\s+/)) {
      const [key, value] = pair.split("=") as [string, string];
      env[key] = value;
    }
  }
  const copies = stage
    .split("\n")
    .filter((l) => l.startsWith("COPY ") && !l.includes("--from="))
    .flatMap((l) =>
      l
        .slice(5)
        .split(/\s+/)
        .filter((w) => w && !w.startsWith("--"))
        .slice(0, -1),
    );
  return { cmd: JSON.parse(cmdLine.slice(4)) as string[], env, copies };
}

/** A stage's CMD in `cwd` with its ENV, then the deployment's: one set of secrets for all. */
const secrets = productionSecrets();
function startStage(stage: Stage, cwd: string, env: Record<string, string>): Proc {
  return startProcess(
    stage.cmd[0]!,
    stage.cmd.slice(1),
    {
      ...stage.env,
      ...secrets,
      LOG_LEVEL: "info",
      APP_ORIGIN: ORIGIN,
      DATABASE_URL: pg.url,
      ...env,
    },
    { cwd },
  );
}

let pg: PostgresServer;
let dir: string;
let app: Proc;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pg = await startPostgres();
  dir = mkdtempSync(path.join(tmpdir(), "latchkey-image-"));
  // What `RUN npm run build:standalone` does after `next build` (which npm run test:e2e ran).
  await runToEnd("node", ["scripts/build-standalone.mjs", path.join(dir, "app")], {});
  app = startStage(dockerfileStage("app"), path.join(dir, "app"), {
    PORT: String(SPARE_PORT),
    HOSTNAME: "127.0.0.1",
    // One proxy in front: the client address is its X-Forwarded-For entry.
    TRUSTED_PROXY_HOPS: "1",
    LATCHKEY_BACKGROUND_JOBS: "off",
    LATCHKEY_METRICS_TOKEN: METRICS_TOKEN,
  });
  await waitForHttp(`${ORIGIN}/api/health`, app, 120_000);
});

test.afterAll(async () => {
  await app?.stop();
  pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the app image's command serves health, a real page with its static assets, and public/", async ({
  request,
}) => {
  const health = await request.get(`${ORIGIN}/api/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({
    status: "ok",
    mode: "production",
    checks: { database: "ok" },
  });

  const page = await request.get(`${ORIGIN}/sign-in`);
  expect(page.status()).toBe(200);
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  const html = await page.text();
  expect(html).toContain('<html lang="en"');
  const assets = [...html.matchAll(/\/_next\/static\/[^"'\s)]+\.(?:js|css)/g)].map((m) => m[0]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of new Set(assets)) {
    const res = await request.get(`${ORIGIN}${asset}`);
    expect(res.status(), asset).toBe(200);
  }

  const robots = await request.get(`${ORIGIN}/robots.txt`);
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toBe(readFileSync(path.join(ROOT, "public/robots.txt"), "utf8"));
});

test("it runs behind the server wrapper: malformed URLs are 400, the client address is the trusted hop", async ({
  request,
}) => {
  const malformed = await request.get(`${ORIGIN}/access/%ff`);
  expect(malformed.status()).toBe(400);
  expect(malformed.headers()["x-frame-options"]).toBe("DENY");
  const malformedApi = await request.get(`${ORIGIN}/api/access/doors/%ff/unlock`);
  expect(malformedApi.status()).toBe(400);
  expect((await malformedApi.json()).error.code).toBe("malformed_url");

  const guess = (headers: Record<string, string>) =>
    request.get(`${ORIGIN}/api/access/doors`, {
      headers: { ...headers, Authorization: `Bearer ${"x".repeat(43)}` },
    });
  // Each guess through the proxy from its own client: 31 addresses, none over its limit of 30.
  // (Next's own server.js would give every request one "unknown" address, and a 429 at 31.)
  const apart: number[] = [];
  for (let i = 0; i < 31; i++)
    apart.push((await guess({ "X-Forwarded-For": `198.18.0.${i + 1}` })).status());
  expect(apart).toEqual(Array(31).fill(404));
  // One client forging the wrapper's own header each time: still one address, 429 at 31.
  const forged: number[] = [];
  for (let i = 0; i < 31; i++) {
    forged.push(
      (
        await guess({
          "X-Forwarded-For": "198.18.1.1",
          "X-Latchkey-Client-Address": `198.19.0.${i}`,
        })
      ).status(),
    );
  }
  expect(forged).toEqual([...Array(30).fill(404), 429]);
});

test("metrics: refused without the token, counted through the wrapper and the routes", async ({
  request,
}) => {
  expect((await request.get(`${ORIGIN}/api/metrics`)).status()).toBe(401);
  expect(
    (
      await request.get(`${ORIGIN}/api/metrics`, {
        headers: { Authorization: "Bearer wrong-token-0123456789abcdef0123" },
      })
    ).status(),
  ).toBe(401);
  const res = await request.get(`${ORIGIN}/api/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status()).toBe(200);
  const text = await res.text();
  // The page was timed by the wrapper, the health check by withApi: one registry for both.
  expect(text).toMatch(
    /^latchkey_page_request_duration_seconds_count\{area="\/sign-in",status="200"\} [1-9]/m,
  );
  expect(text).toMatch(
    /^latchkey_api_request_duration_seconds_count\{route="\/api\/health",method="GET",status="200"\} [1-9]/m,
  );
  expect(text).toMatch(/^latchkey_outbox_backlog 0$/m);
  expect(text).not.toContain(METRICS_TOKEN);
  // No token in the server's output either.
  expect(app.output()).not.toContain(METRICS_TOKEN);
});

test("without a configured token the endpoint does not exist (the demo)", async ({ request }) => {
  const res = await request.get("/api/metrics", {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status()).toBe(404);
});

test("the worker image's command starts on the files that stage copies", async () => {
  const stage = dockerfileStage("worker");
  const work = path.join(dir, "worker");
  mkdirSync(work);
  for (const file of stage.copies)
    cpSync(path.join(ROOT, file), path.join(work, file), { recursive: true });
  // The image has the production dependencies of the same lockfile.
  symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
  const worker = startStage(stage, work, {});
  try {
    await expect
      .poll(() => worker.output(), { timeout: 60_000 })
      .toContain("latchkey worker ready");
  } finally {
    await worker.stop();
  }
  // SIGTERM (what `docker stop` sends) ends it cleanly.
  expect(worker.output()).toContain("latchkey worker stopping");
});
