import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unlockDoor } from "@/lib/access/unlock";
import { accessLinks, emailOutbox } from "@/lib/db/schema";
import { reconcileLinks } from "@/lib/links/reconcile";
import { revokeLink } from "@/lib/links/revoke-link";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.emulator.reset();
  await fx.db.delete(emailOutbox);
});

const later = (ms = 61_000) => ({ ...fx.deps, now: () => new Date(Date.now() + ms) });
const row = async (name: string) =>
  (await fx.db.select().from(accessLinks).where(eq(accessLinks.guestName, name)))[0]!;
/** A tap on the first guest door with the link's token. */
const opens = (token: string) =>
  unlockDoor(fx.deps, { token, lockId: 5001, body: {}, ip: null, userAgent: null });
const liveKisiLinks = (name: string) =>
  fx.emulator.state.groupLinks.filter((l) => !l.deletedAt && l.name === name);

describe("an issue whose outcome Kisi never told us (SECURITY.md S38)", () => {
  it("ends with exactly one Kisi link, one email, and the guest's URL working", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop_after_commit" },
    });
    await expect(
      fx.issue({
        guestName: "Orphan Olga",
        guestEmail: "olga@example.com",
        sendEmail: true,
        idempotencyKey: "olga",
      }),
    ).rejects.toMatchObject({ code: "kisi_unavailable" });
    const before = await row("Orphan Olga");
    expect(before.status).toBe("kisi_unknown");
    expect(liveKisiLinks(before.kisiName)).toHaveLength(1); // the orphan Kisi made

    expect(await reconcileLinks(fx.deps)).toMatchObject({ recreated: 0 }); // too soon: might still be in flight
    expect(await reconcileLinks(later())).toMatchObject({ recreated: 1 });

    const after = await row("Orphan Olga");
    expect(after.status).toBe("issued");
    const live = liveKisiLinks(after.kisiName);
    expect(live.map((l) => l.id)).toEqual([after.kisiGroupLinkId]);
    expect(
      await fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, after.id)),
    ).toHaveLength(1);

    // The URL from the first (failed) answer is the one the admin retries with: same key, same link.
    const replay = await fx.issue({
      guestName: "Orphan Olga",
      guestEmail: "olga@example.com",
      sendEmail: true,
      idempotencyKey: "olga",
      validFrom: before.validFrom,
      validUntil: before.validUntil,
    });
    expect(replay.link.id).toBe(after.id);
    await expect(opens(replay.token)).resolves.toMatchObject({ status: "unlocked" });
    expect(await reconcileLinks(later())).toEqual({ recreated: 0, failed: 0, deleted: 0 });
  });

  it.each([
    ["a 502 from a gateway", { kind: "status", status: 502, afterCommit: true }],
    ["a 500 after the insert", { kind: "status", status: 500, afterCommit: true }],
    ["a 200 whose body is not a link", { kind: "malformed", body: '{"id":', afterCommit: true }],
  ] as const)(
    "Kisi created the link but answered %s: reconciled by name to exactly one Kisi link, and no blind second create",
    async (label, action) => {
      const guestName = `Ambiguous ${label}`;
      fx.emulator.faults.add({ method: "POST", path: "/group_links", times: 1, action });
      const input = { guestName, idempotencyKey: `ambiguous-${label}` };
      await expect(fx.issue(input)).rejects.toMatchObject({ code: "kisi_unavailable" });
      const before = await row(guestName);
      expect(before.status).toBe("kisi_unknown");
      expect(liveKisiLinks(before.kisiName)).toHaveLength(1);

      // The booking system retries with the same key before reconciliation: no second POST.
      const creates = () =>
        fx.emulator.requests.filter((r) => r.method === "POST" && r.path === "/group_links");
      const sent = creates().length;
      const replay = await fx.issue({
        ...input,
        validFrom: before.validFrom,
        validUntil: before.validUntil,
      });
      expect(replay).toMatchObject({ replayed: true, link: { status: "kisi_unknown" } });
      expect(creates()).toHaveLength(sent);

      expect(await reconcileLinks(later())).toMatchObject({ recreated: 1 });
      const after = await row(guestName);
      expect(after.status).toBe("issued");
      expect(liveKisiLinks(after.kisiName).map((l) => l.id)).toEqual([after.kisiGroupLinkId]);
      await expect(opens(replay.token)).resolves.toMatchObject({ status: "unlocked" });
    },
  );

  it("creates the link when Kisi never got the request", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop" },
    });
    await expect(fx.issue({ guestName: "Never Sent" })).rejects.toMatchObject({
      code: "kisi_unavailable",
    });
    expect(liveKisiLinks((await row("Never Sent")).kisiName)).toHaveLength(0);
    await reconcileLinks(later());
    const after = await row("Never Sent");
    expect(after.status).toBe("issued");
    expect(liveKisiLinks(after.kisiName)).toHaveLength(1);
  });

  it("a used day pass recreated by reconciliation gets its narrowed window on Kisi, not the full one", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop" },
    });
    const validUntil = new Date(Date.now() + 12 * 3_600_000);
    await expect(
      fx.issue({ guestName: "Day Pass Dora", rules: { validForMinutes: 60 }, validUntil }),
    ).rejects.toMatchObject({ code: "kisi_unavailable" });
    // Its first use is on record (Latchkey enforces it either way): Kisi should agree.
    const firstUsedAt = new Date(Date.now() - 10 * 60_000);
    await fx.db
      .update(accessLinks)
      .set({ firstUsedAt })
      .where(eq(accessLinks.guestName, "Day Pass Dora"));
    await reconcileLinks(later());
    const after = await row("Day Pass Dora");
    expect(after.status).toBe("issued");
    const live = liveKisiLinks(after.kisiName);
    expect(live.map((l) => l.id)).toEqual([after.kisiGroupLinkId]);
    expect(Date.parse(live[0]!.valid_until!)).toBe(firstUsedAt.getTime() + 60 * 60_000);
    expect(after.validUntil.getTime()).toBe(validUntil.getTime());
    // Created narrowed: nothing is owed, so the next pass replaces nothing.
    expect(after.kisiNarrowedAt).not.toBeNull();
  });

  it("a first-use narrowing that failed is retried once settled, then not again", async () => {
    const validUntil = new Date(Date.now() + 12 * 3_600_000);
    const { link } = await fx.issue({
      guestName: "Narrow Nina",
      rules: { validForMinutes: 90 },
      validUntil,
    });
    // First used, but the narrowing right after never reached Kisi (it was down then).
    const firstUsedAt = new Date(Date.now() - 5 * 60_000);
    await fx.db.update(accessLinks).set({ firstUsedAt }).where(eq(accessLinks.id, link.id));
    const creates = () =>
      fx.emulator.requests.filter((r) => r.method === "POST" && r.path === "/group_links").length;
    const before = creates();
    await reconcileLinks(later());
    const after = await row("Narrow Nina");
    expect(after.kisiNarrowedAt).not.toBeNull();
    expect(after.kisiGroupLinkId).not.toBe(link.kisiGroupLinkId);
    const [live] = liveKisiLinks(after.kisiName);
    expect(Date.parse(live!.valid_until!)).toBe(firstUsedAt.getTime() + 90 * 60_000);
    expect(creates()).toBe(before + 1);
    await reconcileLinks(later());
    expect(creates()).toBe(before + 1);

    // One whose validity from first use is already over is only marked: no Kisi call.
    const { link: spent } = await fx.issue({
      guestName: "Spent Sam",
      rules: { validForMinutes: 30 },
      validUntil,
    });
    await fx.db
      .update(accessLinks)
      .set({ firstUsedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(accessLinks.id, spent.id));
    const sent = creates();
    await reconcileLinks(later());
    expect(creates()).toBe(sent);
    expect((await row("Spent Sam")).kisiNarrowedAt).not.toBeNull();
  });

  it("gives up on a window that has already ended, and leaves no Kisi link behind", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop_after_commit" },
    });
    await expect(
      fx.issue({ guestName: "Too Late", validUntil: new Date(Date.now() + 30_000) }),
    ).rejects.toBeTruthy();
    await reconcileLinks(later(120_000));
    expect((await row("Too Late")).status).toBe("kisi_failed");
  });

  it("stays unknown while Kisi is still unreachable, and succeeds on a later pass", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop" },
    });
    await expect(fx.issue({ guestName: "Patient Pat" })).rejects.toBeTruthy();
    fx.emulator.faults.add({
      method: "GET",
      path: "/group_links",
      times: 3,
      action: { kind: "status", status: 503 },
    });
    await reconcileLinks(later());
    expect((await row("Patient Pat")).status).toBe("kisi_unknown");
    await reconcileLinks(later(200_000));
    expect((await row("Patient Pat")).status).toBe("issued");
  });

  it("picks up a create whose process died mid-way", async () => {
    const { link } = await fx.issue({ guestName: "Crashed Carl" });
    await fx.db
      .update(accessLinks)
      .set({ status: "creating", kisiGroupLinkId: null, kisiSecretCiphertext: null })
      .where(eq(accessLinks.id, link.id));
    await reconcileLinks(later()); // stale 'creating' → unknown
    await reconcileLinks(later(130_000));
    const after = await row("Crashed Carl");
    expect(after.status).toBe("issued");
    expect(liveKisiLinks(after.kisiName)).toHaveLength(1); // the first Kisi link was found and replaced
  });
});

describe("revocations owed to Kisi", () => {
  it("are deleted once Kisi is back", async () => {
    const { link } = await fx.issue({ guestName: "Owed Owen" });
    fx.emulator.faults.add({
      method: "DELETE",
      path: "/group_links/:id",
      times: 3,
      action: { kind: "status", status: 503 },
    });
    expect(await revokeLink(fx.deps, link.id)).toEqual({ kisiDeleted: false });
    // Not at once: the revoking request may still be deleting it itself…
    expect(await reconcileLinks(fx.deps)).toMatchObject({ deleted: 0 });
    // …but once that has settled.
    const later = () => new Date(Date.now() + 61_000);
    expect(await reconcileLinks({ ...fx.deps, now: later })).toMatchObject({ deleted: 1 });
    expect(liveKisiLinks(link.kisiName)).toHaveLength(0);
    expect((await row("Owed Owen")).kisiDeletedAt).not.toBeNull();
  });
});
