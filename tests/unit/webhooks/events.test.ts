import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  emailOutbox,
  studios,
  unlockAudit,
  webhookEndpoints,
  webhookEvents,
} from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { GIVE_UP_AFTER_MS } from "@/lib/email/outbox";
import { processOutboxOnce } from "@/lib/email/worker";
import { WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { recordWebhookEvent } from "@/lib/webhooks/record";
import { startsVisit } from "@/lib/webhooks/unlock-events";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  await fx.db.delete(webhookEndpoints);
  await fx.db.delete(webhookEvents);
  await fx.db.delete(emailOutbox);
  await createWebhookEndpoint(fx.db, fx.config.encryption, {
    studioId: DEMO_IDS.studio,
    url: "http://127.0.0.1:9/never-called",
    events: [...WEBHOOK_EVENT_TYPES],
  });
});

const eventsOf = async (type: string) =>
  (await fx.db.select().from(webhookEvents).where(eq(webhookEvents.type, type))).map(
    (e) => e.payload as { data: Record<string, unknown> },
  );

describe("email events", () => {
  it("email.sent when the access email goes out (captured in demo)", async () => {
    const { link } = await fx.issue({ guestEmail: "g@example.com", sendEmail: true });
    const deps = {
      db: fx.db,
      keyring: fx.config.encryption,
      appOrigin: fx.config.appOrigin,
      fromAddress: "x <x@latchkey.test>",
      send: null,
    };
    expect(await processOutboxOnce(deps)).toMatchObject({ delivered: 1 });
    const sent = await eventsOf("email.sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({
      link: { id: link.id },
      email: { status: "captured", attempts: 1, error: null },
    });
  });

  it("email.failed once, when the outbox gives the email up, with its redacted error", async () => {
    const { link } = await fx.issue({ guestEmail: "g@example.com", sendEmail: true });
    let now = Date.now();
    const failing = {
      db: fx.db,
      keyring: fx.config.encryption,
      appOrigin: fx.config.appOrigin,
      fromAddress: "x <x@latchkey.test>",
      send: () => Promise.reject(new Error("550 mailbox unavailable")),
      now: () => new Date(now),
    };
    await processOutboxOnce(failing);
    expect(await eventsOf("email.failed")).toHaveLength(0);
    now += GIVE_UP_AFTER_MS + 3_600_000;
    await processOutboxOnce(failing);
    const failed = await eventsOf("email.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toMatchObject({
      link: { id: link.id },
      email: { status: "dead", error: expect.stringContaining("550") },
    });
  });
});

describe("startsVisit", () => {
  it("the first allowed unlock within the studio's class length starts a visit; later ones in it do not", async () => {
    const { link } = await fx.issue();
    await fx.db.update(studios).set({ classMinutes: 60 }).where(eq(studios.id, DEMO_IDS.studio));
    const t0 = new Date("2030-01-01T10:00:00Z");
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const write = async (minutes: number, allowed = true) => {
      const [row] = await fx.db
        .insert(unlockAudit)
        .values({
          linkId: link.id,
          studioId: DEMO_IDS.studio,
          outcome: allowed ? "unlocked" : "too_far",
          allowed,
          createdAt: at(minutes),
        })
        .returning();
      return startsVisit(fx.db, {
        id: row!.id,
        linkId: link.id,
        studioId: DEMO_IDS.studio,
        at: at(minutes),
      });
    };
    expect(await write(0)).toBe(true);
    expect(await write(30)).toBe(false);
    expect(await write(89)).toBe(false); // 59 minutes after the last one
    await write(150, false); // a refusal in between is no visit and resets nothing
    expect(await write(200)).toBe(true); // 111 minutes after the last allowed one
    await fx.db.update(studios).set({ classMinutes: 90 }).where(eq(studios.id, DEMO_IDS.studio));
  });
});

describe("payload schemas", () => {
  it("refuse a field outside the schema, such as an access URL, before anything is stored", async () => {
    const { link, url } = await fx.issue();
    const before = (await fx.db.select().from(webhookEvents)).length;
    await expect(
      fx.db.transaction((tx) =>
        recordWebhookEvent(tx, {
          studioId: DEMO_IDS.studio,
          type: "link.issued",
          data: {
            studio: { id: DEMO_IDS.studio, name: "x" },
            link: {
              id: link.id,
              guestName: "x",
              externalRef: null,
              locale: "en",
              validFrom: link.validFrom.toISOString(),
              validUntil: link.validUntil.toISOString(),
              url,
            } as never,
          },
        }),
      ),
    ).rejects.toThrow();
    expect(await fx.db.select().from(webhookEvents)).toHaveLength(before);
  });
});
