import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/lib/db/schema";
import { GIVE_UP_AFTER_MS } from "@/lib/email/outbox";
import { createSmtpSender } from "@/lib/email/smtp";
import { processOutboxOnce, type OutboxDeps } from "@/lib/email/worker";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { startSmtpSink } from "../../support/smtp-sink";

let fx: AccessFixture;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  fx = await setupAccessFixture();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await fx.close();
});
beforeEach(async () => {
  sink.received.length = 0;
  await fx.db.delete(emailOutbox);
});

function deps(overrides: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    db: fx.db,
    keyring: fx.config.encryption,
    appOrigin: "https://access.example.com",
    fromAddress: "Latchkey <access@latchkey.test>",
    send: createSmtpSender(sink.url),
    ...overrides,
  };
}

const outboxRows = () => fx.db.select().from(emailOutbox);

describe("the access email", () => {
  it("arrives once, branded, with HTML, text, the link and an .ics, and nothing secret", async () => {
    const { url, link } = await fx.issue({
      guestName: "Ada Guest",
      guestEmail: "ada@example.com",
      sendEmail: true,
    });
    expect(await outboxRows()).toEqual([
      expect.objectContaining({ status: "pending", recipient: "ada@example.com", linkId: link.id }),
    ]);

    expect(await processOutboxOnce(deps())).toMatchObject({ claimed: 1, delivered: 1, failed: 0 });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    const guestUrl = url.replace(fx.config.appOrigin, "https://access.example.com");

    expect(mail.subject).toBe(`Your access to ${DEMO_SEED.placeName}`);
    expect(mail.from?.value[0]).toEqual({
      name: DEMO_SEED.placeName,
      address: "access@latchkey.test",
    });
    expect(mail.to && "value" in mail.to ? mail.to.value[0]?.address : null).toBe(
      "ada@example.com",
    );
    expect(mail.replyTo?.value[0]?.address).toBe("frontdesk@latchkey.test");
    expect(mail.messageId).toMatch(/^<outbox-[0-9a-f-]{36}@access\.example\.com>$/);
    expect(mail.html).toContain(`href="${guestUrl}"`);
    expect(mail.html).toContain("Open your doors");
    expect(mail.html).toContain("#7c3aed");
    expect(mail.html).toContain('lang="en"');
    // Titled, for screen readers that open the HTML on its own.
    expect(mail.html).toMatch(/<title>[^<]+<\/title>/);
    expect(mail.text).toContain(guestUrl);
    expect(mail.text).toContain("Hi Ada Guest,");
    expect(mail.text).toMatch(/access from \w+day, .+ until \w+day/);

    const ics = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    const calendar = ics?.content.toString("utf8") ?? "";
    expect(calendar).toContain("BEGIN:VEVENT");
    expect(calendar).toContain(
      `DTSTART:${link.validFrom.toISOString().replace(/[-:]/g, "").slice(0, 13)}`,
    );
    expect(calendar).toContain(`SUMMARY:Visit to ${DEMO_SEED.placeName}`);

    const kisiSecret =
      fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId)?.secret ?? "missing";
    expect(`${mail.html}${mail.text}${calendar}`).not.toContain(kisiSecret);
    expect(fx.emulator.state.sentEmails).toEqual([]);

    const [row] = await outboxRows();
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      subject: mail.subject,
      messageId: mail.messageId,
      htmlBody: null,
      textBody: null,
    });
    expect(await processOutboxOnce(deps())).toMatchObject({ claimed: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it("speaks the guest's language, in the studio's time zone", async () => {
    await fx.issue({
      guestEmail: "lea@example.com",
      sendEmail: true,
      locale: "fr",
      validFrom: new Date("2031-03-10T08:00:00Z"),
      validUntil: new Date("2031-03-10T10:30:00Z"),
    });
    await processOutboxOnce(deps());
    const mail = sink.received[0]!;
    expect(mail.subject).toBe(`Votre accès à ${DEMO_SEED.placeName}`);
    expect(mail.text).toContain("Bonjour Jane Guest,");
    // 08:00 UTC is 09:00 in Berlin in March.
    expect(mail.text).toContain("lundi 10 mars 2031 à 09:00");
    expect(mail.html).toContain('lang="fr"');
  });

  it("is not queued without an address or when sending was not asked for", async () => {
    await fx.issue();
    await fx.issue({ guestEmail: "no@example.com", sendEmail: false });
    expect(await outboxRows()).toEqual([]);
  });
});

describe("delivery faults", () => {
  it("SMTP down: the email waits with backoff, then is sent exactly once when SMTP is back", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await fx.issue({ guestEmail: "wait@example.com", sendEmail: true });
    const t0 = new Date();
    expect(
      await processOutboxOnce(
        deps({ send: createSmtpSender(`smtp://127.0.0.1:${port}`), now: () => t0 }),
      ),
    ).toMatchObject({ failed: 1 });
    let [row] = await outboxRows();
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row!.nextAttemptAt.getTime() - t0.getTime()).toBe(60_000);

    // Not due yet: nothing happens even with SMTP back.
    expect(
      await processOutboxOnce(deps({ now: () => new Date(t0.getTime() + 30_000) })),
    ).toMatchObject({ claimed: 0 });
    expect(
      await processOutboxOnce(deps({ now: () => new Date(t0.getTime() + 61_000) })),
    ).toMatchObject({ delivered: 1 });
    [row] = await outboxRows();
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(sink.received.map((m) => m.to && "value" in m.to && m.to.value[0]?.address)).toEqual([
      "wait@example.com",
    ]);
  });

  it("gives up a day after queueing and marks the email dead for the dashboard", async () => {
    await fx.issue({ guestEmail: "late@example.com", sendEmail: true });
    const failing = deps({
      send: () => Promise.reject(new Error("550 mailbox unavailable")),
      now: () => new Date(Date.now() + GIVE_UP_AFTER_MS + 1),
    });
    await processOutboxOnce(failing);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: "dead", lastError: "550 mailbox unavailable" });
  });

  it("takes back an email a crashed worker left mid-send once its lease runs out", async () => {
    await fx.issue({ guestEmail: "crash@example.com", sendEmail: true });
    const t0 = new Date();
    await fx.db
      .update(emailOutbox)
      .set({ status: "sending", lockedUntil: new Date(t0.getTime() + 120_000) });
    expect(await processOutboxOnce(deps({ now: () => t0 }))).toMatchObject({ claimed: 0 });
    expect(
      await processOutboxOnce(deps({ now: () => new Date(t0.getTime() + 121_000) })),
    ).toMatchObject({ delivered: 1 });
  });

  it("capture mode composes and records the email without sending it", async () => {
    await fx.issue({ guestEmail: "demo@example.com", sendEmail: true });
    expect(await processOutboxOnce(deps({ send: null }))).toMatchObject({ delivered: 1 });
    expect(sink.received).toEqual([]);
    const [row] = await fx.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.recipient, "demo@example.com"));
    expect(row).toMatchObject({
      status: "captured",
      subject: `Your access to ${DEMO_SEED.placeName}`,
    });
  });
});
