import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditQuerySchema, listUnlockAudit } from "@/lib/audit/unlock-audit";
import { unlockAudit } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
let linkA: string;
let linkB: string;
const base = Date.parse("2030-01-01T10:00:00Z");
const q = (query: Record<string, string> = {}) => auditQuerySchema.parse(query);

beforeAll(async () => {
  fx = await setupAccessFixture();
  linkA = (await fx.issue({ guestName: "Audit A" })).link.id;
  linkB = (await fx.issue({ guestName: "Audit B" })).link.id;
  const entry = (i: number, values: Partial<typeof unlockAudit.$inferInsert>) => ({
    outcome: "unlocked",
    allowed: true,
    kisiLockId: 5001,
    createdAt: new Date(base + i * 1000),
    ...values,
  });
  await fx.db.insert(unlockAudit).values([
    ...Array.from({ length: 30 }, (_, i) =>
      entry(
        i,
        i % 3 === 0
          ? { linkId: linkA, outcome: "too_far", allowed: false, distanceM: 420, accuracyM: 12 }
          : { linkId: linkA, studioId: DEMO_IDS.studio },
      ),
    ).map((e) => ({ ...e, studioId: DEMO_IDS.studio })),
    entry(40, { linkId: linkB, studioId: DEMO_IDS.studio }),
    // Another studio's attempts, even one pointing at this studio's link, must never show.
    entry(50, { linkId: linkA, studioId: DEMO_IDS.otherStudio }),
    entry(51, { linkId: null, studioId: DEMO_IDS.otherStudio, outcome: "revoked", allowed: false }),
    // An unknown token: no link, no studio.
    entry(52, { linkId: null, studioId: null, outcome: "not_found", allowed: false }),
  ]);
});
afterAll(() => fx.close());

describe("the unlock audit", () => {
  it("lists a link's attempts newest first, in pages that neither skip nor repeat", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listUnlockAudit(
        fx.db,
        { studioId: DEMO_IDS.studio, linkId: linkA },
        q({ limit: "7", ...(cursor ? { cursor } : {}) }),
      );
      seen.push(...page.items.map((i) => i.at));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(30);
  });

  it("carries outcome, allowed, distance, accuracy and the guest's name", async () => {
    const { items } = await listUnlockAudit(
      fx.db,
      { studioId: DEMO_IDS.studio, linkId: linkA },
      q({ outcome: "denied" }),
    );
    expect(items).toHaveLength(10);
    expect(items[0]).toMatchObject({
      linkId: linkA,
      guestName: "Audit A",
      lockId: 5001,
      outcome: "too_far",
      allowed: false,
      distanceM: 420,
      accuracyM: 12,
    });
  });

  it("the studio's activity spans its links, filters allowed/denied, and never shows another studio's rows", async () => {
    const all = await listUnlockAudit(fx.db, { studioId: DEMO_IDS.studio }, q({ limit: "100" }));
    expect(all.items).toHaveLength(31);
    expect(all.items[0]).toMatchObject({ linkId: linkB, guestName: "Audit B" });
    expect(all.items.map((i) => i.outcome)).not.toContain("revoked");
    expect(all.items.map((i) => i.outcome)).not.toContain("not_found");
    const allowed = await listUnlockAudit(
      fx.db,
      { studioId: DEMO_IDS.studio },
      q({ outcome: "allowed", limit: "100" }),
    );
    expect(allowed.items.every((i) => i.allowed)).toBe(true);
    expect(allowed.items).toHaveLength(21);

    const other = await listUnlockAudit(
      fx.db,
      { studioId: DEMO_IDS.otherStudio },
      q({ limit: "100" }),
    );
    expect(other.items).toHaveLength(2);
    // A link of another studio is not named to them, even when an audit row points at it.
    expect(other.items.every((i) => i.guestName === null)).toBe(true);
  });

  it("refuses a malformed or forged cursor with invalid_request instead of starting over", async () => {
    for (const cursor of ["../../etc", Buffer.from("not-a-date|x").toString("base64url")])
      await expect(
        listUnlockAudit(fx.db, { studioId: DEMO_IDS.studio }, q({ cursor })),
      ).rejects.toMatchObject({ code: "invalid_request" });
  });
});
