import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { unlockDoor } from "@/lib/access/unlock";
import {
  emailOutbox,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from "@/lib/db/schema";
import { processOutboxOnce } from "@/lib/email/worker";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { revokeLink } from "@/lib/links/revoke-link";
import { changeLinkWindow } from "@/lib/links/change-window";
import { configureLogger } from "@/lib/log/logger";
import {
  type WEBHOOK_DATA_SCHEMAS,
  WEBHOOK_EVENT_TYPES,
  webhookPayloadSchema,
} from "@/lib/schemas/webhooks";
import { createWebhookEndpoint, rotateWebhookSecret } from "@/lib/webhooks/endpoints";
import {
  DISABLE_AFTER_MS,
  GIVE_UP_AFTER_MS,
  processWebhooksOnce,
  webhookBackoffMs,
  type DeliveryDeps,
} from "@/lib/webhooks/deliver";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";

const [FRONT_DOOR] = DEMO_SEED.guestLockIds as [number, number, number];

let fx: AccessFixture;
let receiver: WebhookReceiver;
const logLines: string[] = [];
beforeAll(async () => {
  fx = await setupAccessFixture();
  configureLogger({ level: "debug", sink: (line) => logLines.push(line) });
});
afterAll(async () => {
  configureLogger({ level: "silent" });
  await fx.close();
});
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  await fx.db.delete(webhookEndpoints);
  await fx.db.delete(webhookEvents);
});
afterEach(() => receiver.close());

/** A clock the test moves by hand: backoff, give-up and disabling without waiting. */
function fakeClock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function deliveryDeps(clock = fakeClock()): DeliveryDeps {
  return {
    db: fx.db,
    keyring: fx.config.encryption,
    allowPrivate: true,
    now: clock.now,
    random: () => 0.5,
  };
}

async function endpoint(events: readonly string[] = WEBHOOK_EVENT_TYPES, url = receiver.url) {
  return createWebhookEndpoint(fx.db, fx.config.encryption, {
    studioId: DEMO_IDS.studio,
    url,
    events: [...events],
  });
}

const unlock = (token: string) =>
  unlockDoor(fx.deps, {
    token,
    lockId: FRONT_DOOR,
    body: {},
    ip: "203.0.113.9",
    userAgent: "t",
  }).then(
    () => "unlocked",
    (e: { code: string }) => e.code,
  );

describe("webhook delivery", () => {
  it("issue → change → unlock → revoke → unlock: the receiver gets every event in order, each verified, with the externalRef", async () => {
    const { secret } = await endpoint();
    const issued = await fx.issue({ externalRef: "booking-9" });
    await changeLinkWindow(fx.deps, issued.link.id, {
      validFrom: issued.link.validFrom,
      validUntil: new Date(issued.link.validUntil.getTime() + 3_600_000),
    });
    expect(await unlock(issued.token)).toBe("unlocked");
    expect(await unlock(issued.token)).toBe("unlocked"); // same visit: no second visit.started
    await revokeLink(fx.deps, issued.link.id);
    expect(await unlock(issued.token)).toBe("revoked");
    const deps = deliveryDeps();
    while ((await processWebhooksOnce(deps)).claimed > 0);

    const bodies = receiver.verified(secret);
    expect(bodies.map((b) => b.type)).toEqual([
      "link.issued",
      "link.changed",
      "unlock.allowed",
      "visit.started",
      "unlock.allowed",
      "link.revoked",
      "unlock.denied",
    ]);
    for (const body of bodies) {
      webhookPayloadSchema(body.type as keyof typeof WEBHOOK_DATA_SCHEMAS).parse(body);
      expect(body.data).toMatchObject({
        studio: { id: DEMO_IDS.studio },
        link: { id: issued.link.id, externalRef: "booking-9" },
      });
    }
    expect(bodies[2]!.data).toMatchObject({
      door: { id: FRONT_DOOR },
      outcome: expect.stringMatching(/^unlocked/),
    });
    expect(bodies.at(-1)!.data).toMatchObject({ outcome: "revoked", door: { id: FRONT_DOOR } });
    // One webhook-id per event, all distinct.
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    // A wrong secret does not verify.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(
        receiver.received[0]!.body,
        receiver.received[0]!.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it("only subscribed types, only enabled endpoints, and nothing for a studio without endpoints", async () => {
    await fx.issue(); // no endpoint yet: no event row
    expect(await fx.db.select().from(webhookEvents)).toHaveLength(0);
    await endpoint(["link.revoked"]);
    const off = await endpoint(["link.issued"]);
    await fx.db
      .update(webhookEndpoints)
      .set({ enabled: false })
      .where(eq(webhookEndpoints.id, off.row.id));
    const { link } = await fx.issue();
    await revokeLink(fx.deps, link.id);
    await revokeLink(fx.deps, link.id); // a second revoke is no new event
    const events = await fx.db.select({ type: webhookEvents.type }).from(webhookEvents);
    expect(events).toEqual([{ type: "link.revoked" }]);
  });

  it("a receiver answering 500, 500, 200 gets the event exactly once more per retry; the log shows three attempts", async () => {
    await endpoint(["link.issued"]);
    receiver.statuses.push(500, 500);
    await fx.issue();
    const clock = fakeClock();
    const deps = deliveryDeps(clock);
    expect(await processWebhooksOnce(deps)).toMatchObject({ claimed: 1, failed: 1 });
    expect(await processWebhooksOnce(deps)).toMatchObject({ claimed: 0 }); // not due yet
    expect(receiver.received).toHaveLength(1);
    clock.advance(webhookBackoffMs(1, () => 0.5));
    expect(await processWebhooksOnce(deps)).toMatchObject({ claimed: 1, failed: 1 });
    expect(receiver.received).toHaveLength(2);
    clock.advance(webhookBackoffMs(2, () => 0.5) - 1);
    expect(await processWebhooksOnce(deps)).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await processWebhooksOnce(deps)).toMatchObject({ claimed: 1, delivered: 1 });
    clock.advance(7 * 24 * 3_600_000);
    expect(await processWebhooksOnce(deps)).toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const [delivery] = await fx.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200 });
    const log = await fx.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery!.id));
    expect(log.map((a) => a.statusCode).sort()).toEqual([200, 500, 500]);
  });

  it("backoff grows with jitter; retries stop after about three days, then failed", async () => {
    expect(webhookBackoffMs(1, () => 0)).toBe(24_000);
    expect(webhookBackoffMs(1, () => 1)).toBe(36_000);
    expect(webhookBackoffMs(3, () => 0.5)).toBe(120_000);
    expect(webhookBackoffMs(30, () => 0.5)).toBe(8 * 3_600_000);
    // LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS=1 (tests, demos): 1 s, 2 s, 4 s …, the same ceiling.
    expect(webhookBackoffMs(1, () => 0.5, 1_000)).toBe(1_000);
    expect(webhookBackoffMs(3, () => 0.5, 1_000)).toBe(4_000);
    expect(webhookBackoffMs(40, () => 0.5, 1_000)).toBe(8 * 3_600_000);
    await endpoint(["link.issued"]);
    receiver.respondWith(() => ({ status: 503 }));
    await fx.issue();
    const clock = fakeClock();
    const deps = deliveryDeps(clock);
    let attempts = 0;
    for (let i = 0; i < 100; i++) {
      attempts += (await processWebhooksOnce(deps)).claimed;
      clock.advance(3_600_000);
    }
    const [delivery] = await fx.db.select().from(webhookDeliveries);
    expect(delivery!.status).toBe("failed");
    expect(attempts).toBe(receiver.received.length);
    // Hourly polling over ~100 h: the last attempt came after the three days, none after it.
    const last = delivery!.lastAttemptAt!.getTime() - delivery!.createdAt.getTime();
    expect(last).toBeGreaterThanOrEqual(GIVE_UP_AFTER_MS);
    expect(last).toBeLessThan(GIVE_UP_AFTER_MS + 9 * 3_600_000);
  });

  it("an endpoint failing for days is disabled (once), and later events skip it", async () => {
    const { row } = await endpoint(["link.issued"]);
    receiver.respondWith(() => ({ status: 500 }));
    const clock = fakeClock();
    const deps = deliveryDeps(clock);
    for (let day = 0; day <= 6; day++) {
      await fx.issue();
      await processWebhooksOnce(deps);
      clock.advance(24 * 3_600_000);
    }
    const [after] = await fx.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, row.id));
    expect(after).toMatchObject({ enabled: false, disabledReason: "failing" });
    expect(clock.now().getTime() - after!.failingSince!.getTime()).toBeGreaterThanOrEqual(
      DISABLE_AFTER_MS,
    );
    const before = (await fx.db.select().from(webhookEvents)).length;
    await fx.issue();
    expect(await fx.db.select().from(webhookEvents)).toHaveLength(before);
    // The studio's owner and manager are told, once each, through the outbox; front desk is not.
    const told = await fx.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, "webhook_disabled"));
    expect(told.map((e) => e.recipient).sort()).toEqual(
      [DEMO_ACCOUNT.email, DEMO_STAFF.manager.email].sort(),
    );
    const outbox = {
      db: fx.db,
      keyring: fx.config.encryption,
      appOrigin: fx.config.appOrigin,
      fromAddress: "Latchkey <x@latchkey.test>",
      send: null,
    };
    await processOutboxOnce(outbox);
    const sent = await fx.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, "webhook_disabled"));
    expect(sent.map((e) => e.status)).toEqual(["captured", "captured"]);
    expect(sent[0]!.subject).toMatch(/webhook .* was turned off/);
  });

  it("a success clears the failing mark", async () => {
    const { row } = await endpoint(["link.issued"]);
    receiver.statuses.push(500);
    await fx.issue();
    const clock = fakeClock();
    await processWebhooksOnce(deliveryDeps(clock));
    const [failing] = await fx.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, row.id));
    expect(failing!.failingSince).not.toBeNull();
    clock.advance(3_600_000);
    await processWebhooksOnce(deliveryDeps(clock));
    const [ok] = await fx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
    expect(ok!.failingSince).toBeNull();
  });

  it("after a rotation both secrets sign for 24 hours, then only the new one", async () => {
    const { row, secret: oldSecret } = await endpoint(["link.issued"]);
    const rotated = await rotateWebhookSecret(fx.db, fx.config.encryption, row, new Date());
    await fx.issue();
    await processWebhooksOnce(deliveryDeps());
    const [first] = receiver.received;
    expect(String(first!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(() =>
      new Webhook(oldSecret).verify(first!.body, first!.headers as Record<string, string>),
    ).not.toThrow();
    expect(() =>
      new Webhook(rotated.secret).verify(first!.body, first!.headers as Record<string, string>),
    ).not.toThrow();
    // Past the overlap the previous secret no longer signs.
    await fx.db
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1) })
      .where(eq(webhookEndpoints.id, row.id));
    await fx.issue();
    await processWebhooksOnce(deliveryDeps());
    const second = receiver.received[1]!;
    expect(String(second.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() =>
      new Webhook(oldSecret).verify(second.body, second.headers as Record<string, string>),
    ).toThrow();
    // The secrets are stored sealed only.
    const [stored] = await fx.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, row.id));
    expect(JSON.stringify(stored)).not.toContain(rotated.secret.slice(6));
    expect(JSON.stringify(stored)).not.toContain(oldSecret.slice(6));
  });

  it("a redirect is not followed: a 3xx is a failed attempt, and its Location is never asked", async () => {
    await endpoint(["link.issued"]);
    receiver.respondWith((req) =>
      req.path === "/hooks"
        ? { status: 302, headers: { location: `http://127.0.0.1:${receiver.port}/elsewhere` } }
        : { status: 200 },
    );
    await fx.issue();
    expect(await processWebhooksOnce(deliveryDeps())).toMatchObject({ failed: 1 });
    expect(receiver.received.map((r) => r.path)).toEqual(["/hooks"]);
    const [delivery] = await fx.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({
      status: "pending",
      lastStatusCode: 302,
      lastError: "http_302",
    });
  });

  it("delivery checks the name again after resolving it, and connects to the address it checked", async () => {
    // Saved while it looked public; at delivery the name answers a private address: refused,
    // and nothing is sent anywhere.
    await endpoint(["link.issued"], "https://rebound.example.test/hooks");
    await fx.issue();
    const refusing: DeliveryDeps = {
      ...deliveryDeps(),
      allowPrivate: false,
      resolve: async () => [{ address: "10.0.0.7", family: 4 }],
    };
    expect(await processWebhooksOnce(refusing)).toMatchObject({ failed: 1 });
    const [refused] = await fx.db.select().from(webhookDeliveries);
    expect(refused).toMatchObject({ status: "pending", lastError: "refused_private_address" });
    expect(receiver.received).toHaveLength(0);

    // Pinned: a name no real DNS knows reaches the receiver, because the connection uses the
    // resolver's (checked) answer and never asks DNS a second time.
    await fx.db.delete(webhookEndpoints);
    await endpoint(["link.issued"], `http://pinned.example.test:${receiver.port}/hooks`);
    await fx.issue();
    const pinned: DeliveryDeps = {
      ...deliveryDeps(),
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    };
    expect(await processWebhooksOnce(pinned)).toMatchObject({ delivered: 1 });
    expect(receiver.received[0]!.headers.host).toBe(`pinned.example.test:${receiver.port}`);
  });

  it("a receiver that is down gets the event once it is back (the delivery waits in the outbox)", async () => {
    const port = receiver.port;
    await endpoint(["link.issued"]);
    await receiver.close();
    await fx.issue();
    const clock = fakeClock();
    expect(await processWebhooksOnce(deliveryDeps(clock))).toMatchObject({ failed: 1 });
    receiver = await startWebhookReceiver(port);
    clock.advance(3_600_000);
    expect(await processWebhooksOnce(deliveryDeps(clock))).toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(1);
  });

  it("sweep: no access token, access URL, Kisi secret or webhook secret in any payload, delivery row, attempt or log line", async () => {
    const { secret } = await endpoint();
    logLines.length = 0;
    const issued = await fx.issue({ guestEmail: "guest@example.com", sendEmail: true });
    expect(await unlock(issued.token)).toBe("unlocked");
    await revokeLink(fx.deps, issued.link.id);
    receiver.statuses.push(500);
    const clock = fakeClock();
    await processWebhooksOnce(deliveryDeps(clock));
    clock.advance(3_600_000);
    await processWebhooksOnce(deliveryDeps(clock));
    const kisiSecret = fx.emulator.state.groupLinks.find(
      (l) => l.id === issued.link.kisiGroupLinkId,
    )!.secret;
    const events = await fx.db.select().from(webhookEvents);
    const deliveries = await fx.db
      .select()
      .from(webhookDeliveries)
      .where(
        inArray(
          webhookDeliveries.eventId,
          events.map((e) => e.id),
        ),
      );
    const attempts = await fx.db.select().from(webhookAttempts);
    expect(events.length).toBeGreaterThanOrEqual(4);
    const everything = [
      JSON.stringify(events),
      JSON.stringify(deliveries),
      JSON.stringify(attempts),
      ...receiver.received.map((r) => r.body + JSON.stringify(r.headers)),
      ...logLines,
    ].join("\n");
    for (const leak of [issued.token, issued.url, kisiSecret, secret, secret.slice(6)])
      expect(everything).not.toContain(leak);
    expect(receiver.received.length).toBeGreaterThanOrEqual(4);
  });
});
