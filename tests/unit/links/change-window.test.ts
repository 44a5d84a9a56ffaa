import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unlockDoor } from "@/lib/access/unlock";
import { accessLinks, emailOutbox } from "@/lib/db/schema";
import { changeLinkWindow } from "@/lib/links/change-window";
import { reconcileLinks } from "@/lib/links/reconcile";
import { resendLinkEmail } from "@/lib/links/resend-email";
import { revokeLink } from "@/lib/links/revoke-link";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.emulator.reset());

const live = (name: string) =>
  fx.emulator.state.groupLinks.filter((l) => !l.deletedAt && l.name === name);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable(),
    (e: { code?: string }) => e.code,
  );
const nextWeek = () => ({
  validFrom: new Date(Date.now() - 60_000),
  validUntil: new Date(Date.now() + 7 * 86_400_000),
});

describe("changing a link's window", () => {
  it("replaces Kisi's link behind the same URL: the guest's token keeps working, one Kisi link remains", async () => {
    const { link, token } = await fx.issue();
    const window = nextWeek();
    const updated = await changeLinkWindow(fx.deps, link.id, window);
    expect(updated.validUntil.toISOString()).toBe(window.validUntil.toISOString());
    expect(updated.kisiGroupLinkId).not.toBe(link.kisiGroupLinkId);
    const kisi = live(link.kisiName);
    expect(kisi.map((l) => l.id)).toEqual([updated.kisiGroupLinkId]);
    expect(kisi[0]?.valid_until).toBe(window.validUntil.toISOString());
    await expect(
      unlockDoor(fx.deps, { token, lockId: 5001, body: {}, ip: null, userAgent: null }),
    ).resolves.toMatchObject({ status: "unlocked" });
  });

  it("if Kisi cannot delete the old link now, reconciliation does it later", async () => {
    const { link } = await fx.issue();
    fx.emulator.faults.add({
      method: "DELETE",
      path: "/group_links/:id",
      times: 3,
      action: { kind: "status", status: 503 },
    });
    await changeLinkWindow(fx.deps, link.id, nextWeek());
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row?.kisiSupersededId).toBe(link.kisiGroupLinkId);
    expect(live(link.kisiName)).toHaveLength(2);
    expect(
      await reconcileLinks({ ...fx.deps, now: () => new Date(Date.now() + 61_000) }),
    ).toMatchObject({ deleted: 1 });
    expect(live(link.kisiName).map((l) => l.id)).toEqual([row?.kisiGroupLinkId]);
  });

  it("if Kisi refuses the new link, nothing changes for the guest", async () => {
    const { link } = await fx.issue();
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 503 },
    });
    expect(await failure(changeLinkWindow(fx.deps, link.id, nextWeek()))).toBe("kisi_unavailable");
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row).toMatchObject({
      kisiGroupLinkId: link.kisiGroupLinkId,
      validUntil: link.validUntil,
    });
  });

  it.each([
    ["dropped the answer", { kind: "drop_after_commit" }],
    ["answered a 502", { kind: "status", status: 502, afterCommit: true }],
    ["answered a 200 that is not a link", { kind: "malformed", body: "{}", afterCommit: true }],
  ] as const)(
    "Kisi created the new link but %s: the orphan is found by name and deleted, the guest keeps the current link",
    async (_label, action) => {
      const { link, token } = await fx.issue();
      fx.emulator.faults.add({ method: "POST", path: "/group_links", times: 1, action });
      expect(await failure(changeLinkWindow(fx.deps, link.id, nextWeek()))).toBe(
        "kisi_unavailable",
      );
      expect(live(link.kisiName)).toHaveLength(2); // the current link and the orphan
      const [marked] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
      expect(marked?.kisiGroupLinkId).toBe(link.kisiGroupLinkId);
      expect(marked?.kisiChangeStartedAt).toBeInstanceOf(Date);

      // Too soon: the create might still be in flight.
      await reconcileLinks(fx.deps);
      expect(live(link.kisiName)).toHaveLength(2);
      expect(
        await reconcileLinks({ ...fx.deps, now: () => new Date(Date.now() + 61_000) }),
      ).toMatchObject({ deleted: 1 });
      expect(live(link.kisiName).map((l) => l.id)).toEqual([link.kisiGroupLinkId]);
      const [swept] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
      expect(swept?.kisiChangeStartedAt).toBeNull();
      await expect(
        unlockDoor(fx.deps, { token, lockId: 5001, body: {}, ip: null, userAgent: null }),
      ).resolves.toMatchObject({ status: "unlocked" });
    },
  );

  it("an open leftover survives a later successful change and is swept once settled", async () => {
    const { link } = await fx.issue();
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 502, afterCommit: true },
    });
    await failure(changeLinkWindow(fx.deps, link.id, nextWeek()));
    const changed = await changeLinkWindow(fx.deps, link.id, nextWeek());
    expect(changed.kisiChangeStartedAt).toBeInstanceOf(Date); // the first change's orphan is still open
    expect(live(link.kisiName)).toHaveLength(2);
    // Too soon after the first change: nothing is deleted yet.
    expect(
      await reconcileLinks({ ...fx.deps, now: () => new Date(Date.now() + 30_000) }),
    ).toMatchObject({
      deleted: 0,
    });
    expect(
      await reconcileLinks({ ...fx.deps, now: () => new Date(Date.now() + 61_000) }),
    ).toMatchObject({ deleted: 1 });
    expect(live(link.kisiName).map((l) => l.id)).toEqual([changed.kisiGroupLinkId]);
  });

  it("a change that succeeds or is refused outright leaves no mark to sweep", async () => {
    const { link } = await fx.issue();
    const changed = await changeLinkWindow(fx.deps, link.id, nextWeek());
    expect(changed.kisiChangeStartedAt).toBeNull();
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 422, body: { errors: { valid_until: ["is invalid"] } } },
    });
    await failure(changeLinkWindow(fx.deps, link.id, nextWeek()));
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row?.kisiChangeStartedAt).toBeNull();
  });

  it("a revoked link cannot be extended", async () => {
    const { link } = await fx.issue();
    await revokeLink(fx.deps, link.id);
    expect(await failure(changeLinkWindow(fx.deps, link.id, nextWeek()))).toBe("conflict");
  });
});

describe("resending the email", () => {
  it("queues another email for a usable link with an address", async () => {
    const { link } = await fx.issue({ guestEmail: "again@example.com", sendEmail: false });
    await resendLinkEmail(fx.db, link.id);
    expect(await fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, link.id))).toEqual([
      expect.objectContaining({ recipient: "again@example.com", status: "pending" }),
    ]);
  });

  it("tries an email still waiting for a retry again now, instead of queueing a second copy", async () => {
    const { link } = await fx.issue({ guestEmail: "patient@example.com", sendEmail: true });
    const later = new Date(Date.now() + 3_600_000);
    await fx.db
      .update(emailOutbox)
      .set({ status: "failed", attempts: 2, nextAttemptAt: later, lastError: "SMTP down" })
      .where(eq(emailOutbox.linkId, link.id));
    await resendLinkEmail(fx.db, link.id);
    const rows = await fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, link.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 2 });
    expect(rows[0]!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("queues a new email once the earlier one was sent", async () => {
    const { link } = await fx.issue({ guestEmail: "twice@example.com", sendEmail: true });
    await fx.db
      .update(emailOutbox)
      .set({ status: "sent", sentAt: new Date() })
      .where(eq(emailOutbox.linkId, link.id));
    await resendLinkEmail(fx.db, link.id);
    const rows = await fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, link.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["pending", "sent"]);
  });

  it("refuses without an address, or for a revoked link", async () => {
    expect(await failure(resendLinkEmail(fx.db, (await fx.issue()).link.id))).toBe("conflict");
    const { link } = await fx.issue({ guestEmail: "gone@example.com", sendEmail: true });
    await revokeLink(fx.deps, link.id);
    expect(await failure(resendLinkEmail(fx.db, link.id))).toBe("conflict");
  });
});
