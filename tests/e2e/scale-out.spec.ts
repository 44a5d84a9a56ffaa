import { expect, test } from "@playwright/test";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { postgresAvailable, startPostgres, type PostgresServer } from "../support/postgres-server";
import { startSmtpSink } from "../support/smtp-sink";
import {
  freePort,
  productionSecrets,
  runToEnd,
  startLatchkey,
  startProcess,
  waitForHttp,
  type Proc,
} from "./support/processes";

/**
 * Issue #5: Latchkey instances are stateless and share one PostgreSQL server. Two production
 * instances (`next start`) run against a real PostgreSQL server, a real SMTP server and the Kisi
 * emulator; links are issued through both at once.
 */
test.describe.configure({ mode: "serial" });
test.skip(!postgresAvailable(), "PostgreSQL is not installed (apt-get install postgresql)");
test.setTimeout(240_000);

const LINKS = 200;
const OWNER = { email: "ops@franchise.example", password: "scale-out-owner-pass" };

let pg: PostgresServer;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let kisi: Proc;
let kisiUrl: string;
let instances: { url: string; proc: Proc }[] = [];
let origin: string;
/** Set by the first test: the studio and session the second one reuses. */
let studioId: string;
let cookie: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pg = await startPostgres();
  sink = await startSmtpSink();
  const kisiPort = await freePort();
  kisiUrl = `http://127.0.0.1:${kisiPort}`;
  kisi = startProcess("npx", ["tsx", "lib/cli/kisi-emulator.ts", "--port", String(kisiPort)], {});
  await waitForHttp(`${kisiUrl}/__emulator/state`, kisi);

  const ports = [await freePort(), await freePort()];
  // Behind a load balancer both instances serve one public origin.
  origin = `http://127.0.0.1:${ports[0]}`;
  const env = {
    ...productionSecrets(),
    APP_ORIGIN: origin,
    DATABASE_URL: pg.url,
    KISI_BASE_URL: kisiUrl,
    SMTP_URL: sink.url,
    EMAIL_FROM: "Latchkey <access@franchise.example>",
  };
  await runToEnd(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "lib/cli/admin-create.ts",
      "--email",
      OWNER.email,
      "--name",
      "Ops",
      "--organization",
      "Franchise",
    ],
    { ...env, ADMIN_PASSWORD: OWNER.password },
  );
  instances = ports.map((port) => ({
    url: `http://127.0.0.1:${port}`,
    proc: startLatchkey(port, env),
  }));
  for (const instance of instances) {
    await waitForHttp(`${instance.url}/api/health`, instance.proc, 120_000);
  }
});

test.afterAll(async () => {
  for (const instance of instances) await instance.proc.stop();
  await kisi?.stop();
  await sink?.close();
  pg?.stop();
});

/** A JSON call to one instance, as the dashboard makes it (same-origin, session cookie). */
async function call(base: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, origin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function kisiRequests() {
  const res = await fetch(`${kisiUrl}/__emulator/requests`);
  return (await res.json()) as { method: string; path: string; status: number }[];
}

test("200 links issued at once through two instances: 200 Kisi links, 200 emails, each sent once", async () => {
  const [a, b] = instances.map((i) => i.url) as [string, string];
  const signIn = await fetch(`${a}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify(OWNER),
  });
  expect(signIn.status).toBe(200);
  cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;

  // Set up a studio through both instances: sessions live in PostgreSQL, not in a process.
  const studio = await call(b, cookie, "POST", "/api/studios", {
    name: "Franchise Mitte",
    timeZone: "Europe/Berlin",
  });
  expect(studio.status).toBe(201);
  studioId = studio.json.id as string;
  expect(
    (
      await call(a, cookie, "PUT", `/api/studios/${studioId}/kisi-key`, {
        apiKey: DEMO_SEED.apiKey,
      })
    ).status,
  ).toBe(200);
  expect(
    (await call(b, cookie, "PATCH", `/api/studios/${studioId}`, { kisiGroupId: DEMO_SEED.groupId }))
      .status,
  ).toBe(200);

  await fetch(`${kisiUrl}/__emulator/requests`, { method: "DELETE" });
  const now = Date.now();
  const results = await Promise.all(
    Array.from({ length: LINKS }, (_, i) =>
      call(i % 2 ? b : a, cookie, "POST", `/api/studios/${studioId}/links`, {
        name: `Guest ${i}`,
        email: `guest-${i}@visitors.example`,
        validFrom: new Date(now - 60_000).toISOString(),
        validUntil: new Date(now + 2 * 3_600_000).toISOString(),
        sendEmail: true,
      }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(Array(LINKS).fill(201));
  expect(new Set(results.map((r) => r.json.url)).size).toBe(LINKS);

  // Kisi: exactly one group link per Latchkey link, and never a 429 though both instances
  // issued at once (they pace the shared Kisi key together in PostgreSQL).
  const seen = await kisiRequests();
  const creates = seen.filter((r) => r.method === "POST" && r.path === "/group_links");
  expect(creates.map((r) => r.status)).toEqual(Array(LINKS).fill(200));
  expect(seen.filter((r) => r.status === 429)).toEqual([]);

  // Email: both instances run the outbox worker; each email goes out exactly once.
  await expect
    .poll(() => sink.received.length, { timeout: 90_000, intervals: [1_000] })
    .toBe(LINKS);
  // One more worker round on each instance, to catch a late duplicate.
  await new Promise((r) => setTimeout(r, 6_000));
  expect(sink.received).toHaveLength(LINKS);
  const recipients = sink.received.map((m) => (m.to && "text" in m.to ? m.to.text : ""));
  expect(new Set(recipients).size).toBe(LINKS);
  for (const { json } of results.slice(0, 5)) {
    const mail = sink.received.find((m) => m.text?.includes(json.url as string));
    expect(mail, `an email carries ${json.url}`).toBeDefined();
  }
});

test("the visitor's rate limits hold across instances", async () => {
  const [a, b] = instances.map((i) => i.url) as [string, string];
  const now = Date.now();
  const issued = await call(a, cookie, "POST", `/api/studios/${studioId}/links`, {
    name: "Rate limited guest",
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + 3_600_000).toISOString(),
  });
  expect(issued.status).toBe(201);
  const token = new URL(issued.json.url as string).pathname.split("/").pop()!;
  const doors = await fetch(`${b}/api/access/doors`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const lockId = ((await doors.json()) as { doors: { id: number }[] }).doors[0]!.id;

  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const res = await fetch(`${i % 2 ? b : a}/api/access/doors/${lockId}/unlock`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, origin, "content-type": "application/json" },
      body: "{}",
    });
    statuses.push(res.status);
  }
  // Ten attempts a minute per link, counted in PostgreSQL: the eleventh is refused wherever it lands.
  expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
  expect(statuses[10]).toBe(429);
});
