import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { organizations, studios, webhookDeliveries } from "@/lib/db/schema";
import { processWebhooksOnce } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { recordWebhookEvent, studioRef } from "@/lib/webhooks/record";
import {
  postgresAvailable,
  startPostgres,
  type PostgresServer,
} from "../../support/postgres-server";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";

/**
 * Two instances (two connection pools, two delivery runners) on one real PostgreSQL server share
 * 200 deliveries: FOR UPDATE SKIP LOCKED hands each to one of them, so the receiver counts every
 * webhook-id exactly once.
 */
describe.skipIf(!postgresAvailable())(
  "webhook delivery across instances on PostgreSQL — skipped: apt-get install postgresql",
  () => {
    let pg: PostgresServer;
    let instances: DbHandle[];
    let receiver: WebhookReceiver;
    const keyring = parseConfig({ LATCHKEY_DEMO: "1" }).encryption;

    beforeAll(async () => {
      pg = await startPostgres();
      instances = [0, 1].map(() => connectDatabase({ kind: "postgres", url: pg.url }));
      await runMigrations(instances[0]!);
      receiver = await startWebhookReceiver();
    }, 60_000);
    afterAll(async () => {
      await receiver?.close();
      for (const handle of instances ?? []) await handle.close();
      pg?.stop();
    });

    it("delivers each of 200 events exactly once with two runners", async () => {
      const db = instances[0]!.db;
      const [org] = await db.insert(organizations).values({ name: "Org" }).returning();
      const [studio] = await db
        .insert(studios)
        .values({ organizationId: org!.id, name: "Scale Studio" })
        .returning();
      const { row: endpoint } = await createWebhookEndpoint(db, keyring, {
        studioId: studio!.id,
        url: receiver.url,
        events: ["link.issued"],
      });
      for (let i = 0; i < 200; i++)
        await recordWebhookEvent(db, {
          studioId: studio!.id,
          type: "webhook.test",
          onlyEndpointId: endpoint.id,
          data: async (t) => ({ studio: await studioRef(t, studio!.id), message: `event ${i}` }),
        });
      const counts = [0, 0];
      await Promise.all(
        instances.map(async (instance, i) => {
          const deps = { db: instance.db, keyring, allowPrivate: true };
          for (;;) {
            const { claimed } = await processWebhooksOnce(deps, 10);
            if (claimed === 0) break;
            counts[i]! += claimed;
          }
        }),
      );
      const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
      expect(ids).toHaveLength(200);
      expect(new Set(ids).size).toBe(200);
      // Both runners took part (neither drained the queue alone before the other started).
      expect(counts[0]! + counts[1]!).toBe(200);
      expect(Math.min(...counts)).toBeGreaterThan(0);
      const rows = await db.select().from(webhookDeliveries);
      expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
    }, 120_000);
  },
);
