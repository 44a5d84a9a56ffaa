import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLinks, unlockAudit } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { COUNT_CAP, listLinks } from "@/lib/links/list-links";
import { linkDetail } from "@/lib/links/link-detail";
import { linkQrSvg } from "@/lib/links/qr-code";
import { sealFor, secretContext } from "@/lib/links/secrets";
import { listLinksQuerySchema } from "@/lib/schemas/links";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
const q = (query: Record<string, string> = {}) => listLinksQuerySchema.parse(query);

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());

describe("the links list", () => {
  it("finds the one link of an externalRef, and nothing for an unknown one", async () => {
    const { link } = await fx.issue({ guestName: "Booked Guest", externalRef: "mb-42" });
    await fx.issue({ guestName: "Other Guest", externalRef: "mb-43" });
    const found = await listLinks(fx.db, DEMO_IDS.studio, q({ externalRef: "mb-42" }));
    expect(found.items.map((i) => [i.id, i.externalRef])).toEqual([[link.id, "mb-42"]]);
    expect(found.total).toBe(1);
    const none = await listLinks(fx.db, DEMO_IDS.studio, q({ externalRef: "mb-404" }));
    expect(none.items).toEqual([]);
  });

  it("shows each link's last successful unlock, not a denied one nor another link's", async () => {
    const a = (await fx.issue({ guestName: "Last Unlock A" })).link.id;
    const b = (await fx.issue({ guestName: "Last Unlock B" })).link.id;
    const at = (iso: string) => new Date(iso);
    await fx.db.insert(unlockAudit).values([
      {
        linkId: a,
        studioId: DEMO_IDS.studio,
        outcome: "unlocked",
        allowed: true,
        createdAt: at("2030-01-01T10:00:00Z"),
      },
      {
        linkId: a,
        studioId: DEMO_IDS.studio,
        outcome: "unlocked",
        allowed: true,
        createdAt: at("2030-01-02T10:00:00Z"),
      },
      {
        linkId: a,
        studioId: DEMO_IDS.studio,
        outcome: "too_far",
        allowed: false,
        createdAt: at("2030-01-03T10:00:00Z"),
      },
      {
        linkId: b,
        studioId: DEMO_IDS.studio,
        outcome: "too_far",
        allowed: false,
        createdAt: at("2030-01-04T10:00:00Z"),
      },
    ]);
    const { items } = await listLinks(fx.db, DEMO_IDS.studio, q({ q: "Last Unlock" }));
    const byName = Object.fromEntries(items.map((i) => [i.guestName, i.lastUnlockAt]));
    expect(byName).toEqual({
      "Last Unlock A": "2030-01-02T10:00:00.000Z",
      "Last Unlock B": null,
    });
  });

  it("counts up to the cap and says when there are more", async () => {
    const before = await listLinks(fx.db, DEMO_IDS.studio, q());
    expect(before.totalCapped).toBe(false);
    const exact = before.total;
    await fx.db.execute(sql`
      insert into access_links (studio_id, token_hash, token_ciphertext, status, kisi_name,
        guest_name, locale, valid_from, valid_until)
      select ${DEMO_IDS.studio}, md5('cap-' || i), 'lk1.x.y.z', 'issued', 'cap-' || i,
        'Capped Guest ' || i, 'en', now() - interval '2 days', now() - interval '1 day'
      from generate_series(1, ${COUNT_CAP - exact}) i`);
    const atCap = await listLinks(fx.db, DEMO_IDS.studio, q());
    expect(atCap).toMatchObject({ total: COUNT_CAP, totalCapped: false });
    await fx.db.execute(sql`
      insert into access_links (studio_id, token_hash, token_ciphertext, status, kisi_name,
        guest_name, locale, valid_from, valid_until)
      values (${DEMO_IDS.studio}, 'cap-extra', 'lk1.x.y.z', 'issued', 'cap-extra',
        'Capped Extra', 'en', now() - interval '2 days', now() - interval '1 day')`);
    const over = await listLinks(fx.db, DEMO_IDS.studio, q());
    expect(over).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(over.items).toHaveLength(25);
    // A filter with few matches is still counted exactly.
    const search = await listLinks(fx.db, DEMO_IDS.studio, q({ q: "capped guest 99" }));
    expect(search.totalCapped).toBe(false);
    expect(search.total).toBe(search.items.length);
    expect(search.items.every((i) => i.guestName.startsWith("Capped Guest 99"))).toBe(true);
    await fx.db.execute(sql`delete from access_links where kisi_name like 'cap-%'`);
  });
});

describe("a link whose key is gone from the rotation", () => {
  it("is listed as unreadable, and its detail and QR code are link_unreadable, not a 500", async () => {
    const { link } = await fx.issue({ guestName: "Lost Key" });
    const readable = (await fx.issue({ guestName: "Kept Key" })).link;
    const dropped = { currentKey: randomBytes(32), previousKeys: [] };
    const tokenCiphertext = sealFor(secretContext.accessToken(link.id), "t".repeat(43), dropped);
    await fx.db.update(accessLinks).set({ tokenCiphertext }).where(eq(accessLinks.id, link.id));

    const { items } = await listLinks(fx.db, DEMO_IDS.studio, q({ q: "Key" }), {
      keyring: fx.config.encryption,
    });
    expect(Object.fromEntries(items.map((i) => [i.guestName, i.readable]))).toEqual({
      "Lost Key": false,
      "Kept Key": true,
    });

    const deps = { db: fx.db, keyring: fx.config.encryption, appOrigin: fx.config.appOrigin };
    await expect(
      linkDetail(deps, DEMO_IDS.studio, link.id, { kind: "user" }),
    ).rejects.toMatchObject({
      code: "link_unreadable",
    });
    await expect(linkQrSvg({ id: link.id, tokenCiphertext }, fx.config)).rejects.toMatchObject({
      code: "link_unreadable",
    });
    // The readable one still opens.
    const detail = await linkDetail(deps, DEMO_IDS.studio, readable.id, { kind: "user" });
    expect(detail.url).toContain("/access/");
  });
});
