import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokensRoute from "@/app/api/studios/[studioId]/api-tokens/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as endpointRoute from "@/app/api/studios/[studioId]/webhooks/[endpointId]/route";
import * as deliveriesRoute from "@/app/api/studios/[studioId]/webhooks/[endpointId]/deliveries/route";
import * as redeliverRoute from "@/app/api/studios/[studioId]/webhooks/[endpointId]/deliveries/[deliveryId]/redeliver/route";
import * as secretRoute from "@/app/api/studios/[studioId]/webhooks/[endpointId]/secret/route";
import * as testRoute from "@/app/api/studios/[studioId]/webhooks/[endpointId]/test/route";
import * as webhooksRoute from "@/app/api/studios/[studioId]/webhooks/route";
import { and, asc, eq, gte } from "drizzle-orm";
import { staffAudit } from "@/lib/db/schema";
import { DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { processWebhooksOnce } from "@/lib/webhooks/deliver";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";

/**
 * The webhook and externalRef endpoints through the real route handlers: who may manage
 * endpoints (managers in a session, never an API token), the secret shown once, the SSRF guard at
 * save, the test event, the delivery log and redelivery; externalRef through the Studio API.
 */
let h: RouteHarness;
let manager: string;
let frontDesk: string;
let receiver: WebhookReceiver;
const studioId = DEMO_IDS.studio;
const base = `/api/studios/${studioId}/webhooks`;

beforeAll(async () => {
  h = await setupRouteHarness();
  manager = await h.sessionCookie(DEMO_STAFF.manager.email);
  frontDesk = await h.sessionCookie(DEMO_STAFF.frontDesk.email);
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});

const session = (cookie: string) => ({ cookie, origin: h.origin });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function create(headers: Record<string, string>, json: unknown) {
  const res = await h.call(
    webhooksRoute.POST,
    { studioId },
    { method: "POST", path: base, headers, json },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function apiToken() {
  const res = await h.call(
    tokensRoute.POST,
    { studioId },
    {
      method: "POST",
      path: `/api/studios/${studioId}/api-tokens`,
      headers: session(manager),
      json: { name: "Booking" },
    },
  );
  return ((await res.json()) as { token: string }).token;
}

describe("webhook endpoints", () => {
  it("a manager creates one and sees its secret once; the list never shows it", async () => {
    const created = await create(session(manager), {
      url: receiver.url,
      events: ["link.issued", "link.issued", "visit.started"],
      description: "Booking system",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ events: ["link.issued", "visit.started"], enabled: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await h.call(
      webhooksRoute.GET,
      { studioId },
      { path: base, headers: session(manager) },
    );
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).toContain(String(created.body.id));
    expect(text).not.toContain(String(created.body.secret).slice(6));
  });

  it("an API token may not list, create or change endpoints; front desk may not either", async () => {
    const token = await apiToken();
    const json = { url: receiver.url, events: ["link.issued"] };
    expect((await create(bearer(token), json)).status).toBe(401);
    const list = await h.call(
      webhooksRoute.GET,
      { studioId },
      { path: base, headers: bearer(token) },
    );
    expect(list.status).toBe(401);
    expect((await create(session(frontDesk), json)).status).toBe(403);
  });

  it("refuses at save what the SSRF guard refuses, with a stable code; bad bodies are 422", async () => {
    // Demo mode allows private targets, but plain http only to loopback: no DNS is asked here.
    const refused = await create(session(manager), {
      url: "http://10.0.0.1/hook",
      events: ["link.issued"],
    });
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { code: "webhook_url_refused" } },
    });
    // Beside the field, why: here the scheme (plain http leaves this machine), not the format.
    expect((refused.body as { error: { issues: unknown[] } }).error.issues).toEqual([
      expect.objectContaining({
        path: "url",
        code: "webhookUrlHttps",
        message: expect.stringMatching(/https/),
      }),
    ]);
    const bad = await create(session(manager), {
      url: "ftp://example.com/",
      events: ["link.issued"],
    });
    expect(bad).toMatchObject({ status: 422, body: { error: { code: "validation_failed" } } });
    const noEvents = await create(session(manager), {
      url: receiver.url,
      events: ["link.exploded"],
    });
    expect(noEvents.status).toBe(422);
  });

  it("test event, delivery log with attempts, redelivery with the same webhook-id, rotation and delete", async () => {
    const created = await create(session(manager), { url: receiver.url, events: ["link.revoked"] });
    const endpointId = String(created.body.id);
    const params = { studioId, endpointId };
    const test = await h.call(testRoute.POST, params, {
      method: "POST",
      path: `${base}/${endpointId}/test`,
      headers: session(manager),
    });
    expect(test.status).toBe(202);
    const { deliveryId } = (await test.json()) as { deliveryId: string };
    receiver.statuses.push(500);
    const deps = { db: h.fx.db, keyring: h.fx.config.encryption, allowPrivate: true };
    await processWebhooksOnce(deps);
    const log = await h.call(deliveriesRoute.GET, params, {
      path: `${base}/${endpointId}/deliveries`,
      headers: session(manager),
    });
    const items = (
      (await log.json()) as {
        items: { id: string; type: string; status: string; log: unknown[]; webhookId: string }[];
      }
    ).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: deliveryId,
      type: "webhook.test",
      status: "pending",
      log: [{ statusCode: 500 }],
    });
    const again = await h.call(
      redeliverRoute.POST,
      { ...params, deliveryId },
      {
        method: "POST",
        path: `${base}/${endpointId}/deliveries/${deliveryId}/redeliver`,
        headers: session(manager),
      },
    );
    expect(again.status).toBe(202);
    await processWebhooksOnce(deps);
    const ids = receiver.received.slice(-2).map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([items[0]!.webhookId, items[0]!.webhookId]);
    expect(receiver.verified(String(created.body.secret)).at(-1)).toMatchObject({
      type: "webhook.test",
    });

    const rotated = await h.call(secretRoute.POST, params, {
      method: "POST",
      path: `${base}/${endpointId}/secret`,
      headers: session(manager),
    });
    const rotatedBody = (await rotated.json()) as {
      secret: string;
      previousSecretExpiresAt: string;
    };
    expect(rotatedBody.secret).not.toBe(created.body.secret);
    expect(new Date(rotatedBody.previousSecretExpiresAt).getTime()).toBeGreaterThan(
      Date.now() + 23 * 3_600_000,
    );

    const disabled = await h.call(endpointRoute.PATCH, params, {
      method: "PATCH",
      path: `${base}/${endpointId}`,
      headers: session(manager),
      json: { enabled: false },
    });
    expect(await disabled.json()).toMatchObject({ enabled: false });
    const gone = await h.call(endpointRoute.DELETE, params, {
      method: "DELETE",
      path: `${base}/${endpointId}`,
      headers: session(manager),
    });
    expect(gone.status).toBe(204);
    const missing = await h.call(endpointRoute.DELETE, params, {
      method: "DELETE",
      path: `${base}/${endpointId}`,
      headers: session(manager),
    });
    expect(missing.status).toBe(404);
  });
});

describe("the staff audit of endpoint changes", () => {
  it("records created, updated, secret rotated and deleted, with who and what, never a secret", async () => {
    const since = new Date();
    const created = await create(session(manager), {
      url: receiver.url,
      events: ["link.issued"],
      description: "Audit me",
    });
    const endpointId = String(created.body.id);
    const params = { studioId, endpointId };
    const path = `${base}/${endpointId}`;
    await h.call(endpointRoute.PATCH, params, {
      method: "PATCH",
      path,
      headers: session(manager),
      json: { enabled: false, events: ["link.issued", "visit.started"] },
    });
    // A PATCH that changes nothing is no change to record.
    await h.call(endpointRoute.PATCH, params, {
      method: "PATCH",
      path,
      headers: session(manager),
      json: { enabled: false },
    });
    const rotated = await h.call(secretRoute.POST, params, {
      method: "POST",
      path: `${path}/secret`,
      headers: session(manager),
    });
    const newSecret = ((await rotated.json()) as { secret: string }).secret;
    await h.call(endpointRoute.DELETE, params, {
      method: "DELETE",
      path,
      headers: session(manager),
    });

    const rows = (
      await h.fx.db
        .select()
        .from(staffAudit)
        .where(and(eq(staffAudit.kind, "webhook"), gte(staffAudit.createdAt, since)))
        .orderBy(asc(staffAudit.createdAt))
    ).filter((r) => r.subject === receiver.url);
    expect(rows.map((r) => r.action)).toEqual(["created", "updated", "secret_rotated", "deleted"]);
    expect(rows.every((r) => r.actorKind === "user" && r.studioId === studioId)).toBe(true);
    expect(rows[0]!.changes).toMatchObject({
      url: { before: null, after: receiver.url },
      description: { before: null, after: "Audit me" },
      enabled: { before: null, after: true },
    });
    expect(rows[1]!.changes).toEqual({
      enabled: { before: true, after: false },
      events: { before: ["link.issued"], after: ["link.issued", "visit.started"] },
    });
    expect(rows[3]!.changes).toMatchObject({ url: { before: receiver.url, after: null } });
    const text = JSON.stringify(rows);
    for (const secret of [String(created.body.secret), newSecret])
      expect(text).not.toContain(secret.slice(6, 30));
    expect(text).not.toMatch(/whsec_|ciphertext/i);
  });
});

describe("externalRef through the Studio API", () => {
  it("round-trips: issued, found by ?externalRef=, replayed on the same body, 409 on other data", async () => {
    const token = await apiToken();
    const window = {
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const post = async (json: object) => {
      const res = await h.call(
        linksRoute.POST,
        { studioId },
        {
          method: "POST",
          path: `/api/studios/${studioId}/links`,
          headers: bearer(token),
          json,
        },
      );
      return {
        status: res.status,
        body: (await res.json()) as { id?: string; externalRef?: string; error?: { code: string } },
      };
    };
    const first = await post({ name: "Booked", externalRef: "gf-1001", ...window });
    expect(first).toMatchObject({ status: 201, body: { externalRef: "gf-1001" } });
    const replay = await post({ name: "Booked", externalRef: "gf-1001", ...window });
    expect(replay).toMatchObject({ status: 200, body: { id: first.body.id } });
    const conflict = await post({ name: "Someone else", externalRef: "gf-1001", ...window });
    expect(conflict).toMatchObject({
      status: 409,
      body: { error: { code: "external_ref_conflict" } },
    });
    const tooLong = await post({ name: "Booked", externalRef: "x".repeat(201), ...window });
    expect(tooLong.status).toBe(422);
    const found = await h.call(
      linksRoute.GET,
      { studioId },
      {
        path: `/api/studios/${studioId}/links?externalRef=gf-1001`,
        headers: bearer(token),
      },
    );
    const list = (await found.json()) as { items: { id: string; externalRef: string }[] };
    expect(list.items).toEqual([
      expect.objectContaining({ id: first.body.id, externalRef: "gf-1001" }),
    ]);
  });
});
