import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearDoorCache, getLinkDoors } from "@/lib/access/doors";
import { doorSettings, emailOutbox, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { forgetEmailDoorFailures } from "@/lib/email/link-door-names";
import { createSmtpSender } from "@/lib/email/smtp";
import { processOutboxOnce, type OutboxDeps } from "@/lib/email/worker";
import { findLinkById } from "@/lib/links/find-by-token";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { startSmtpSink } from "../../support/smtp-sink";

/**
 * The access email lists the link's doors by their display names in the email's language,
 * parsed as the guest's mail client gets it (HTML and text), and goes out without the list
 * whenever Kisi cannot give it in time.
 */
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
  fx.emulator.reset();
  clearDoorCache();
  forgetEmailDoorFailures();
  await fx.db.delete(emailOutbox);
  await fx.db.delete(doorSettings);
  await fx.db.insert(doorSettings).values([
    // "<b>" proves the names are escaped in the HTML like any other text.
    { studioId: DEMO_IDS.studio, kisiLockId: 5001, displayNames: { de: "Haupteingang <b>" } },
    { studioId: DEMO_IDS.studio, kisiLockId: 5002, displayNames: { en: "Studio One" } },
  ]);
});

function deps(overrides: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    db: fx.db,
    keyring: fx.config.encryption,
    appOrigin: "https://access.example.com",
    fromAddress: "Latchkey <access@latchkey.test>",
    send: createSmtpSender(sink.url),
    kisi: fx.deps.kisi,
    doorCacheMs: 0,
    ...overrides,
  };
}

const issueWithEmail = (overrides: Parameters<AccessFixture["issue"]>[0] = {}) =>
  fx.issue({ guestEmail: "gast@example.com", sendEmail: true, locale: "de", ...overrides });
const lockCalls = () => fx.emulator.requests.filter((r) => r.path === "/locks");
const listed = (html: string) => [...html.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) => m[1]);

describe("the access email's door list", () => {
  it("names the doors in the email's language, then the studio's, then Kisi's, in HTML and text", async () => {
    await issueWithEmail();
    expect(await processOutboxOnce(deps())).toMatchObject({ delivered: 1, failed: 0 });
    const mail = sink.received[0]!;
    const html = String(mail.html);
    expect(html).toContain("Ihr Link öffnet diese Türen:");
    // 5001 in German, 5002 in the studio's English, 5003 by Kisi's name; sorted for reading.
    expect(listed(html)).toEqual(["Haupteingang &lt;b&gt;", "Locker room", "Studio One"]);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("Front door");
    expect(mail.text).toContain("Ihr Link öffnet diese Türen:");
    expect(mail.text).toMatch(/^ \* Haupteingang <b>$/m);
    expect(mail.text).toMatch(/^ \* Locker room$/m);
    expect(mail.text).toMatch(/^ \* Studio One$/m);
    expect(mail.text).not.toContain("Front door");
  });

  it("costs one Kisi call for many emails of one group, whatever the page cache's TTL", async () => {
    await issueWithEmail();
    await issueWithEmail({ locale: "en" });
    await issueWithEmail({ locale: "fr" });
    expect(await processOutboxOnce(deps({ doorCacheMs: 0 }))).toMatchObject({ delivered: 3 });
    expect(lockCalls()).toHaveLength(1);
    expect(sink.received.map((m) => listed(String(m.html)).length)).toEqual([3, 3, 3]);
  });

  it("follows the studio's default language when the guest's has no name", async () => {
    await fx.db.update(studios).set({ defaultLocale: "de" }).where(eq(studios.id, DEMO_IDS.studio));
    try {
      await issueWithEmail({ locale: "fr" });
      await processOutboxOnce(deps());
      const mail = sink.received[0]!;
      expect(listed(String(mail.html))).toEqual([
        "Haupteingang &lt;b&gt;",
        "Locker room",
        "Studio 1",
      ]);
      expect(mail.text).toContain("Votre lien ouvre ces portes :");
    } finally {
      await fx.db
        .update(studios)
        .set({ defaultLocale: "en" })
        .where(eq(studios.id, DEMO_IDS.studio));
    }
  });

  it("goes out without the list, not late and not failed, when Kisi is down", async () => {
    fx.emulator.faults.add({ path: "/locks", action: { kind: "status", status: 500 } });
    await issueWithEmail();
    expect(await processOutboxOnce(deps())).toMatchObject({ delivered: 1, failed: 0 });
    const mail = sink.received[0]!;
    expect(String(mail.html)).toContain('href="https://access.example.com/access/');
    expect(String(mail.html)).not.toContain("Ihr Link öffnet diese Türen:");
    expect(listed(String(mail.html))).toEqual([]);
    expect(mail.text).not.toContain("Ihr Link öffnet");
    expect(lockCalls().length).toBeGreaterThan(0);
  });

  it("after Kisi failed, stops asking for a minute, then asks again", async () => {
    fx.emulator.faults.add({ path: "/locks", action: { kind: "status", status: 500 } });
    // Ahead of the rows written below, so each email is due at once.
    let now = Date.now() + 5_000;
    const at = () => new Date(now);
    await issueWithEmail();
    await processOutboxOnce(deps({ now: at }));
    const afterFailure = lockCalls().length;
    expect(afterFailure).toBeGreaterThan(0);

    fx.emulator.faults.clear();
    await issueWithEmail();
    await processOutboxOnce(deps({ now: at }));
    expect(lockCalls()).toHaveLength(afterFailure);
    expect(listed(String(sink.received[1]!.html))).toEqual([]);

    now += 61_000;
    await issueWithEmail();
    await processOutboxOnce(deps({ now: at }));
    expect(lockCalls()).toHaveLength(afterFailure + 1);
    expect(listed(String(sink.received[2]!.html))).toHaveLength(3);
  });

  it("does not wait for a slow Kisi: the email goes after doorListWaitMs, without the list", async () => {
    fx.emulator.faults.add({ path: "/locks", action: { kind: "latency", ms: 4_000 } });
    const { link } = await issueWithEmail();
    const started = Date.now();
    expect(await processOutboxOnce(deps({ doorListWaitMs: 100 }))).toMatchObject({
      delivered: 1,
    });
    // Had it waited for Kisi's answer, this would take the fault's 4 s (or the client's timeout).
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(listed(String(sink.received[0]!.html))).toEqual([]);
    // The abandoned call goes on for the guest pages' cache; let it finish inside this test.
    fx.emulator.faults.clear();
    await getLinkDoors(
      { kisi: fx.deps.kisi, keyring: fx.config.encryption },
      (await findLinkById(fx.db, link.id))!,
    ).catch(() => null);
  });

  it("never asks Kisi for a link before its window; it uses the group's list if one is known", async () => {
    const later = Date.now() + 86_400_000;
    const scheduled = () =>
      issueWithEmail({ validFrom: new Date(later), validUntil: new Date(later + 3_600_000) });
    await scheduled();
    await processOutboxOnce(deps());
    expect(lockCalls()).toEqual([]);
    expect(listed(String(sink.received[0]!.html))).toEqual([]);

    // A guest page of an active link of the same group lists the doors …
    const active = await fx.issue();
    await getLinkDoors(
      { kisi: fx.deps.kisi, keyring: fx.config.encryption },
      (await findLinkById(fx.db, active.link.id))!,
    );
    const calls = lockCalls().length;
    // … and the next scheduled link's email uses that list without a call of its own.
    await scheduled();
    await processOutboxOnce(deps());
    expect(lockCalls().length).toBe(calls);
    expect(listed(String(sink.received[1]!.html))).toEqual([
      "Haupteingang &lt;b&gt;",
      "Locker room",
      "Studio One",
    ]);
  });

  it("lists nothing without a Kisi client (the settings preview, capture tests)", async () => {
    await issueWithEmail();
    await processOutboxOnce(deps({ kisi: undefined }));
    expect(listed(String(sink.received[0]!.html))).toEqual([]);
    expect(lockCalls()).toEqual([]);
  });
});
