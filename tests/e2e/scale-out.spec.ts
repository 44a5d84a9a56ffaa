import { expect, test } from "@playwright/test";
import { Client } from "pg";
import { postgresAvailable } from "../support/postgres-server";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { openWindow, startProductionStack, type ProductionStack } from "./support/production-stack";

/**
 * Issue #5: Latchkey instances are stateless and share one PostgreSQL server. Two production
 * instances (`next start`) run against a real PostgreSQL server, a real SMTP server and the Kisi
 * emulator; links are issued through both at once. Both deliver webhooks too (issue #14): each
 * event reaches the booking system's receiver exactly once, whichever instance claims it. And a
 * 1-visit link's visit limit holds across both (issue #13).
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

/** A guest's tap on one instance: the visitor API, as the guest page calls it. */
function unlock(base: string, token: string, lockId: number) {
  return fetch(`${base}/api/access/doors/${lockId}/unlock`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      origin: stack.origin,
      "content-type": "application/json",
    },
    body: "{}",
  });
}

/** The first door a guest's link lists. */
async function firstDoor(base: string, token: string): Promise<number> {
  const doors = await fetch(`${base}/api/access/doors`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await doors.json()) as { doors: { id: number }[] }).doors[0]!.id;
}

/** A tap's answer in the words the audit records, so the two can be compared one to one. */
async function tap(base: string, token: string, lockId: number): Promise<string> {
  const res = await unlock(base, token, lockId);
  const json = (await res.json()) as { deduplicated?: boolean; error?: { code: string } };
  if (res.status === 200) return json.deduplicated ? "unlocked_duplicate" : "unlocked";
  return json.error?.code ?? `http_${res.status}`;
}

test("the visitor's rate limits hold across instances", async () => {
  const [a, b] = stack.instances.map((i) => i.url) as [string, string];
  const issued = await stack.call(a, cookie, "POST", `/api/studios/${studioId}/links`, {
    name: "Rate limited guest",
    ...openWindow(1),
  });
  expect(issued.status).toBe(201);
  const token = new URL(issued.json.url as string).pathname.split("/").pop()!;
  const lockId = await firstDoor(b, token);

  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await unlock(i % 2 ? b : a, token, lockId)).status);
  // Ten attempts a minute per link, counted in PostgreSQL: the eleventh is refused wherever it lands.
  expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
  expect(statuses[10]).toBe(429);
});

/** How many of each answer (or audit outcome): order does not matter, multiplicity does. */
function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

test("20 taps at once on a 1-visit link, 10 on each instance: Kisi opens the door once, all 20 audited", async () => {
  const [a, b] = stack.instances.map((i) => i.url) as [string, string];
  // A studio of its own (runnable alone with -g): its door and visit settings touch no other test.
  const session = cookie ?? (await stack.signIn(a));
  const studioId = await stack.createStudio(session, "Trial Studio");
  // A visit lasts one minute here: the two hours this link's clock moves on below are well past it.
  const rules = await stack.call(a, session, "PUT", `/api/studios/${studioId}/rules`, {
    visitMinutes: 1,
  });
  expect(rules.status).toBe(200);
  const issued = await stack.call(b, session, "POST", `/api/studios/${studioId}/links`, {
    name: "Trial Guest",
    ...openWindow(),
    rules: { visitLimit: 1 },
  });
  expect(issued.status).toBe(201);
  const linkId = issued.json.id as string;
  const token = new URL(issued.json.url as string).pathname.split("/").pop()!;
  const lockId = await firstDoor(a, token);
  // Shared opening off for this door: a tap is then answered "open" only by this link's own
  // opening (its visit, its de-duplication), never by a door another guest opened, so the one
  // Kisi unlock below is this link's own doing.
  const door = await stack.call(a, session, "PUT", `/api/studios/${studioId}/doors`, {
    lockId,
    mode: "inherit",
    sharedOpenSeconds: 0,
  });
  expect(door.status).toBe(200);

  const kisiUnlocks = async () => {
    const state = (await (await fetch(`${stack.kisiUrl}/__emulator/state`)).json()) as {
      groupLinks: { id: number; name: string }[];
      unlocks: { lockId: number; groupLinkId?: number }[];
    };
    const ours = state.groupLinks.find((l) => l.name.endsWith(`Latchkey ${linkId.slice(0, 8)}`));
    expect(ours, "the link's Kisi group link").toBeDefined();
    return state.unlocks.filter((u) => u.groupLinkId === ours!.id);
  };
  const audit = async () => {
    const page = await stack.call(
      b,
      session,
      "GET",
      `/api/studios/${studioId}/links/${linkId}/audit?limit=100`,
    );
    expect(page.status).toBe(200);
    return (page.json.items as { outcome: string }[]).map((i) => i.outcome);
  };
  const usage = async () => {
    const link = await stack.call(a, session, "GET", `/api/studios/${studioId}/links/${linkId}`);
    return link.json.access as { visitsUsed: number; visitsLeft: number | null };
  };
  const burst = () =>
    Promise.all(Array.from({ length: 20 }, (_, i) => tap(i % 2 ? b : a, token, lockId)));

  const answers = await burst();
  const counts = tally(answers);
  // In the report, for whoever reads a failure: how this run's 20 taps were answered.
  test.info().annotations.push({ type: "answers", description: JSON.stringify(counts) });
  // The answers the code allows, and no other:
  // - 10 taps a minute per link, counted in PostgreSQL: the 20 hit one shared counter, so 10 are
  //   429 rate_limited before any rule is looked at, whichever instance they reach.
  // - Of the other 10, the visit reservation (one compare-and-set on the link row) lets exactly
  //   one start the link's only visit; the rest find that visit begun and ride on it.
  // - Kisi is called once: on each instance a simultaneous tap on the same door awaits the first
  //   one's outcome (unlocked_duplicate); across instances the link+door claim in PostgreSQL
  //   answers a tap that comes while the other instance's call runs 429 "try again in 2 s"
  //   (rate_limited), and the "just opened" marker answers one that comes after it
  //   unlocked_duplicate. Shared opening is off, so unlocked_shared cannot occur.
  // - no_visits_left cannot occur: every tap falls within the one visit the winner began.
  for (const answer of Object.keys(counts))
    expect(["unlocked", "unlocked_duplicate", "rate_limited"]).toContain(answer);
  expect(counts.unlocked).toBe(1);
  expect(counts.rate_limited).toBeGreaterThanOrEqual(10);
  expect(await kisiUnlocks()).toHaveLength(1);
  // Every attempt audited, each with the outcome its guest was told.
  expect(tally(await audit())).toEqual(counts);
  // One visit used of one, however many instances raced for it. Were the visit checked only
  // against an instance's own reading of the link (the reservation's compare-and-set dropped),
  // each instance would start a visit of its own: visitsUsed 2 or more.
  expect(await usage()).toMatchObject({ visitsUsed: 1, visitsLeft: 0 });

  // Two hours pass for this link (its visit, its rate-limit window, its "just opened" marker),
  // without waiting for them: the only visit is over, and none is left.
  const db = new Client({ connectionString: stack.pg.url });
  await db.connect();
  try {
    await db.query(
      `update access_links set visit_started_at = visit_started_at - interval '2 hours',
         first_used_at = first_used_at - interval '2 hours' where id = $1`,
      [linkId],
    );
    await db.query(
      `update rate_limit_counters set window_start = window_start - interval '2 hours'
       where key like '%' || $1 || '%'`,
      [linkId],
    );
  } finally {
    await db.end();
  }
  const later = tally(await burst());
  // 10 over the link's rate limit again; the other 10 meet the visit limit on either instance.
  expect(later).toEqual({ rate_limited: 10, no_visits_left: 10 });
  expect(await kisiUnlocks()).toHaveLength(1);
  const all = tally(await audit());
  expect(all).toEqual({
    ...counts,
    rate_limited: counts.rate_limited! + 10,
    no_visits_left: 10,
  });
  expect(await usage()).toMatchObject({ visitsUsed: 1, visitsLeft: 0 });
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
