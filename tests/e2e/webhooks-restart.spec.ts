import { expect, test } from "@playwright/test";
import { freePort } from "../support/processes";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { openWindow, startProductionStack, type ProductionStack } from "./support/production-stack";

/**
 * Issue #14's "a receiver that is down during a restart of Latchkey still gets the event
 * afterwards", on a production instance (real PostgreSQL): the event is in the outbox with the
 * change that caused it, so neither the receiver's outage nor the restart in between loses it.
 * The receiver is on loopback (LATCHKEY_WEBHOOKS_ALLOW_PRIVATE=on) and retries start at 1 s.
 */
let stack: ProductionStack;
let receiver: WebhookReceiver | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startProductionStack(1, {
    env: { LATCHKEY_WEBHOOKS_ALLOW_PRIVATE: "on", LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS: "1" },
  });
});
test.afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
});

test("an event for a receiver that is down survives a restart of Latchkey and arrives after", async () => {
  test.setTimeout(240_000);
  const base = stack.instances[0]!.url;
  const cookie = await stack.signIn(base);
  const studioId = await stack.createStudio(cookie, "Franchise Webhooks");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/hooks`;
  const endpoint = await stack.call(base, cookie, "POST", `/api/studios/${studioId}/webhooks`, {
    url,
    events: ["link.issued"],
  });
  expect(endpoint.status).toBe(201);
  const { id: endpointId, secret } = endpoint.json as { id: string; secret: string };

  const issued = await stack.call(base, cookie, "POST", `/api/studios/${studioId}/links`, {
    name: "Restart Guest",
    ...openWindow(),
  });
  expect(issued.status).toBe(201);
  const deliveries = `/api/studios/${studioId}/webhooks/${endpointId}/deliveries`;
  type Delivery = { status: string; attempts: number; lastError: string | null };
  const first = async () =>
    ((await stack.call(base, cookie, "GET", deliveries)).json.items as Delivery[])[0];
  // Nobody listens yet: the first attempt fails and the delivery waits for its retry.
  await expect
    .poll(async () => (await first())?.attempts ?? 0, { timeout: 30_000 })
    .toBeGreaterThan(0);
  expect(await first()).toMatchObject({ status: expect.stringMatching(/pending|delivering/) });
  expect((await first())?.lastError).toBeTruthy();

  // Latchkey restarts while the receiver is still down; the receiver comes up only after.
  await stack.restart(0);
  receiver = await startWebhookReceiver(port);

  await expect.poll(() => receiver!.received.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const [event] = receiver.verified(secret);
  expect(event).toMatchObject({
    type: "link.issued",
    data: { link: { id: (issued.json as { id: string }).id, guestName: "Restart Guest" } },
  });
  expect(receiver.received[0]!.body).not.toContain("/access/");
  await expect.poll(async () => (await first())?.status, { timeout: 15_000 }).toBe("delivered");
});
