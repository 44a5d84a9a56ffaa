import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/encryption";
import { accessLinks, emailOutbox, kisiCredentials } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.emulator.reset();
  await fx.db.update(kisiCredentials).set({ status: "valid" });
});

const creates = () =>
  fx.emulator.requests.filter((r) => r.method === "POST" && r.path === "/group_links");
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected an error"),
    (e: { code?: string }) => e.code,
  );

describe("issuing a link", () => {
  it("stores the Kisi secret only encrypted, bound to its row, and the token only hashed and encrypted", async () => {
    const { link, token, url } = await fx.issue({ guestEmail: "g@example.com", sendEmail: true });
    const kisiLink = fx.emulator.state.groupLinks.find((l) => l.id === link.kisiGroupLinkId)!;
    expect(link).toMatchObject({ status: "issued", kisiGroupId: 42 });
    expect(url).toBe(`${fx.config.appOrigin}/access/${token}`);
    const row = JSON.stringify(link);
    expect(row).not.toContain(kisiLink.secret);
    expect(row).not.toContain(token);
    expect(
      decryptSecret(
        link.kisiSecretCiphertext!,
        `kisi-link-secret:${link.id}`,
        fx.config.encryption,
      ),
    ).toBe(kisiLink.secret);
    expect(() =>
      decryptSecret(
        link.kisiSecretCiphertext!,
        "kisi-link-secret:another-row",
        fx.config.encryption,
      ),
    ).toThrow();
    expect(kisiLink.name).toBe(link.kisiName);
    expect(creates()[0]?.body).not.toHaveProperty("group_link.email");
    expect(
      await fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, link.id)),
    ).toHaveLength(1);
  });

  it("an Idempotency-Key replays the first link with one Kisi call; other data under it is refused", async () => {
    const first = await fx.issue({ idempotencyKey: "booking-123" });
    const again = await fx.issue({
      idempotencyKey: "booking-123",
      validFrom: first.link.validFrom,
      validUntil: first.link.validUntil,
    });
    expect(again).toMatchObject({ replayed: true, url: first.url });
    expect(creates()).toHaveLength(1);
    expect(
      await failure(fx.issue({ idempotencyKey: "booking-123", guestName: "Someone Else" })),
    ).toBe("idempotency_mismatch");
  });

  it("an externalRef is unique per studio: the same data replays, other data or another issuer is external_ref_conflict", async () => {
    const first = await fx.issue({ externalRef: "booking-777", createdBy: "api_token:t1" });
    expect(first.link.externalRef).toBe("booking-777");
    const again = await fx.issue({
      externalRef: "booking-777",
      createdBy: "api_token:t1",
      validFrom: first.link.validFrom,
      validUntil: first.link.validUntil,
    });
    expect(again).toMatchObject({ replayed: true, url: first.url });
    expect(again.link.id).toBe(first.link.id);
    expect(creates()).toHaveLength(1);
    expect(
      await failure(
        fx.issue({ externalRef: "booking-777", createdBy: "api_token:t1", guestName: "Other" }),
      ),
    ).toBe("external_ref_conflict");
    // The same data from another caller must not hand over the first caller's URL.
    expect(
      await failure(
        fx.issue({
          externalRef: "booking-777",
          createdBy: "api_token:t2",
          validFrom: first.link.validFrom,
          validUntil: first.link.validUntil,
        }),
      ),
    ).toBe("external_ref_conflict");
    // An idempotent retry of a reference reused with other data is still refused as such.
    expect(
      await failure(fx.issue({ externalRef: "booking-777", idempotencyKey: "fresh-key" })),
    ).toBe("external_ref_conflict");
    const rows = await fx.db
      .select()
      .from(accessLinks)
      .where(eq(accessLinks.externalRef, "booking-777"));
    expect(rows).toHaveLength(1);
    // Without a reference, links never collide on it.
    const a = await fx.issue({ guestName: "No Ref A" });
    const b = await fx.issue({ guestName: "No Ref B" });
    expect([a.link.externalRef, b.link.externalRef]).toEqual([null, null]);
  });

  it.each([
    [
      "a 422",
      { kind: "status", status: 422, body: { errors: { name: ["is invalid"] } } },
      "kisi_failed",
      "kisi_unavailable",
    ],
    ["a 503", { kind: "status", status: 503 }, "kisi_unknown", "kisi_unavailable"],
    [
      "a 200 that is not a link",
      { kind: "malformed", body: "{}" },
      "kisi_unknown",
      "kisi_unavailable",
    ],
    [
      "a dropped answer after Kisi created it",
      { kind: "drop_after_commit" },
      "kisi_unknown",
      "kisi_unavailable",
    ],
  ] as const)(
    "Kisi failing with %s (%j) leaves the row %s and answers %s",
    async (label, action, status, code) => {
      fx.emulator.faults.add({ method: "POST", path: "/group_links", times: 1, action });
      expect(await failure(fx.issue({ guestName: `Fault ${label}` }))).toBe(code);
      const [row] = await fx.db
        .select()
        .from(accessLinks)
        .where(eq(accessLinks.guestName, `Fault ${label}`));
      expect(row?.status).toBe(status);
      expect(creates()).toHaveLength(1);
    },
  );

  it("Kisi answering 429 every time: three tries, the row kisi_failed, the caller told rate_limited, nothing on Kisi", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      action: { kind: "rate_limit", retryAfter: 1 },
    });
    expect(await failure(fx.issue({ guestName: "Fault 429" }))).toBe("rate_limited");
    const [row] = await fx.db
      .select()
      .from(accessLinks)
      .where(eq(accessLinks.guestName, "Fault 429"));
    expect(row?.status).toBe("kisi_failed");
    expect(creates()).toHaveLength(3);
    expect(fx.emulator.state.groupLinks.filter((l) => l.name === row?.kisiName)).toEqual([]);
  });

  it("after a definitive refusal the same Idempotency-Key may try again; after an unknown outcome it may not", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 422, body: { errors: { name: ["is invalid"] } } },
    });
    const input = {
      idempotencyKey: "retry-me",
      validFrom: new Date(Date.now() - 1000),
      validUntil: new Date(Date.now() + 3_600_000),
    };
    expect(await failure(fx.issue(input))).toBe("kisi_unavailable");
    expect(await fx.issue(input)).toMatchObject({ replayed: false, link: { status: "issued" } });
    expect(creates()).toHaveLength(2);

    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop_after_commit" },
    });
    const unknown = { ...input, idempotencyKey: "unknown-outcome" };
    expect(await failure(fx.issue(unknown))).toBe("kisi_unavailable");
    const replay = await fx.issue(unknown);
    expect(replay).toMatchObject({ replayed: true, link: { status: "kisi_unknown" } });
    expect(creates()).toHaveLength(3); // no blind second POST
  });

  it("a Kisi 401 on the studio's key marks the key invalid and stops further calls", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 401, body: { code: "000401", error: "x" } },
    });
    expect(await failure(fx.issue())).toBe("kisi_key_invalid");
    const [credential] = await fx.db
      .select()
      .from(kisiCredentials)
      .where(eq(kisiCredentials.id, DEMO_IDS.credential));
    expect(credential).toMatchObject({ status: "invalid", statusReason: "Kisi answered 401" });
    expect(await failure(fx.issue())).toBe("kisi_key_invalid");
    expect(creates()).toHaveLength(1);
  });

  it("a Kisi 403 on create means the group is not permitted: its own state and code, the key kept for revokes", async () => {
    const earlier = await fx.issue({ guestName: "Issued Before" });
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 403, body: { code: "afc496", error: "Forbidden" } },
    });
    expect(await failure(fx.issue({ guestName: "Forbidden Group" }))).toBe("kisi_group_forbidden");
    const credential = async () =>
      (
        await fx.db
          .select()
          .from(kisiCredentials)
          .where(eq(kisiCredentials.id, DEMO_IDS.credential))
      )[0];
    expect(await credential()).toMatchObject({
      status: "group_forbidden",
      statusReason: "Kisi answered 403",
    });
    const [refused] = await fx.db
      .select()
      .from(accessLinks)
      .where(eq(accessLinks.guestName, "Forbidden Group"));
    expect(refused?.status).toBe("kisi_failed");

    // The key still works: a revoke deletes the earlier link on Kisi at once.
    const { revokeLink } = await import("@/lib/links/revoke-link");
    await expect(revokeLink(fx.deps, earlier.link.id)).resolves.toMatchObject({
      kisiDeleted: true,
    });
    const kisiLink = fx.emulator.state.groupLinks.find(
      (l) => l.id === earlier.link.kisiGroupLinkId,
    );
    expect(kisiLink?.deletedAt).not.toBeNull();

    // Once Kisi permits the group, the next create succeeds and clears the state.
    await expect(fx.issue({ guestName: "Permitted Again" })).resolves.toMatchObject({
      link: { status: "issued" },
    });
    expect(await credential()).toMatchObject({ status: "valid", statusReason: null });
  });

  it("a studio pointed at a group of another Kisi organization gets Kisi's own 403: group_forbidden", async () => {
    const { studios } = await import("@/lib/db/schema");
    await fx.db.update(studios).set({ kisiGroupId: 52 }).where(eq(studios.id, DEMO_IDS.studio));
    try {
      expect(await failure(fx.issue({ guestName: "Other Org Group" }))).toBe(
        "kisi_group_forbidden",
      );
    } finally {
      await fx.db.update(studios).set({ kisiGroupId: 42 }).where(eq(studios.id, DEMO_IDS.studio));
    }
  });

  it("a revoke that lands while Kisi is creating the link is not undone, and Kisi's link is removed", async () => {
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "latency", ms: 300 },
    });
    const pending = failure(fx.issue({ guestName: "Racing" }));
    await new Promise((r) => setTimeout(r, 100));
    await fx.db
      .update(accessLinks)
      .set({ status: "revoked" })
      .where(eq(accessLinks.guestName, "Racing"));
    expect(await pending).toBe("conflict");
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.guestName, "Racing"));
    expect(row?.status).toBe("revoked");
    const kisiLink = fx.emulator.state.groupLinks.find((l) => l.name === row?.kisiName);
    expect(kisiLink?.deletedAt).not.toBeNull();
  });
});
