import { expect, test } from "@playwright/test";
import { postgresAvailable } from "../support/postgres-server";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { openWindow, startProductionStack, type ProductionStack } from "./support/production-stack";

/**
 * Issue #5: Latchkey instances are stateless and share one PostgreSQL server. Two production
 * instances (`next start`) run against a real PostgreSQL server, a real SMTP server and the Kisi
 * emulator; links are issued through both at once. Both deliver webhooks too (issue #14): each
 * event reaches the booking system's receiver exactly once, whichever instance claims it.
 */
test.describe.configure({ mode: "serial" });
test.skip(!postgresAvailable(), "PostgreSQL is not installed (apt-get install postgresql)");
test.setTimeout(240_000);

const LINKS = 200;

let stack: ProductionStack;
let receiver: WebhookReceiver;
/** Set by the first test: the studio and session the second one reuses. */
let studioId: string;
let cookie: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The second instance leaves sending to a separate `npm run worker`, the way a deployment that
  // scales sending apart from serving runs: two senders (the first instance and the worker)
  // still claim every email exactly once.
  stack = await startProductionStack(2, {
    backgroundJobs: ["on", "off"],
    worker: true,
    // The receiver is on loopback, which a deployment refuses unless allowed.
    env: { LATCHKEY_WEBHOOKS_ALLOW_PRIVATE: "on" },
  });
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
});

test("200 links issued at once through two instances: 200 Kisi links, 200 emails, each sent once", async () => {
  const [a, b] = stack.instances.map((i) => i.url) as [string, string];
  cookie = await stack.signIn(a);
  // Sessions live in PostgreSQL, not in a process: the other instance knows this one.
  studioId = await stack.createStudio(cookie, "Franchise Mitte");
  expect((await stack.call(b, cookie, "GET", `/api/studios/${studioId}`)).status).toBe(200);
  const endpoint = await stack.call(a, cookie, "POST", `/api/studios/${studioId}/webhooks`, {
    url: receiver.url,
    events: ["link.issued"],
  });
  expect(endpoint.status).toBe(201);
  const { secret } = endpoint.json as { secret: string };

  await fetch(`${stack.kisiUrl}/__emulator/requests`, { method: "DELETE" });
  const results = await Promise.all(
    Array.from({ length: LINKS }, (_, i) =>
      stack.call(i % 2 ? b : a, cookie, "POST", `/api/studios/${studioId}/links`, {
        name: `Guest ${i}`,
        email: `guest-${i}@visitors.example`,
        ...openWindow(),
        sendEmail: true,
      }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(Array(LINKS).fill(201));
  expect(new Set(results.map((r) => r.json.url)).size).toBe(LINKS);

  // Kisi: exactly one group link per Latchkey link, and never a 429 though both instances
  // issued at once (they pace the shared Kisi key together in PostgreSQL).
  const seen = await stack.kisiRequests();
  const creates = seen.filter((r) => r.method === "POST" && r.path === "/group_links");
  expect(creates.map((r) => r.status)).toEqual(Array(LINKS).fill(200));
  expect(seen.filter((r) => r.status === 429)).toEqual([]);

  const [first, second] = stack.instances;
  expect(first!.proc.output()).not.toContain("background jobs left to `npm run worker`");
  expect(second!.proc.output()).toContain("background jobs left to `npm run worker`");

  // Email: the first instance and the worker both send; each email goes out exactly once.
  await expect.poll(() => stack.mail().length, { timeout: 90_000, intervals: [1_000] }).toBe(LINKS);
  // One more worker round on each instance, to catch a late duplicate.
  await new Promise((r) => setTimeout(r, 6_000));
  const mail = stack.mail();
  expect(mail).toHaveLength(LINKS);
  const recipients = mail.map((m) => (m.to && "text" in m.to ? m.to.text : ""));
  expect(new Set(recipients).size).toBe(LINKS);
  for (const { json } of results.slice(0, 5)) {
    const found = mail.find((m) => m.text?.includes(json.url as string));
    expect(found, `an email carries ${json.url}`).toBeDefined();
  }

  // Webhooks: the first instance and the worker deliver; each of the 200 events arrives once,
  // signed (the receiver counts webhook-ids), and names its own link.
  await expect
    .poll(() => receiver.received.length, { timeout: 90_000 })
    .toBeGreaterThanOrEqual(LINKS);
  const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
  expect(new Set(ids).size).toBe(LINKS);
  expect(ids).toHaveLength(LINKS);
  const events = receiver.verified(secret);
  expect(events.every((e) => e.type === "link.issued")).toBe(true);
  const linkIds = events.map((e) => (e.data.link as { id: string }).id);
  expect(new Set(linkIds)).toEqual(new Set(results.map((r) => r.json.id as string)));
});

test("the visitor's rate limits hold across instances", async () => {
  const [a, b] = stack.instances.map((i) => i.url) as [string, string];
  const issued = await stack.call(a, cookie, "POST", `/api/studios/${studioId}/links`, {
    name: "Rate limited guest",
    ...openWindow(1),
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
      headers: {
        authorization: `Bearer ${token}`,
        origin: stack.origin,
        "content-type": "application/json",
      },
      body: "{}",
    });
    statuses.push(res.status);
  }
  // Ten attempts a minute per link, counted in PostgreSQL: the eleventh is refused wherever it lands.
  expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
  expect(statuses[10]).toBe(429);
});

test("with the only in-process sender stopped, `npm run worker` alone sends the email", async () => {
  const [first, second] = stack.instances;
  await first!.proc.stop();
  const before = stack.mail().length;
  const issued = await stack.call(second!.url, cookie, "POST", `/api/studios/${studioId}/links`, {
    name: "Worker Guest",
    email: "worker-guest@visitors.example",
    sendEmail: true,
    ...openWindow(),
  });
  expect(issued.status).toBe(201);
  await expect.poll(() => stack.mail().length, { timeout: 30_000 }).toBe(before + 1);
  expect(stack.mail().at(-1)?.text).toContain(issued.json.url as string);
});
