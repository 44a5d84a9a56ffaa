import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isApiError } from "@/lib/api/errors";
import { ERROR_CODES } from "@/lib/api/error-codes";
import { auditQuerySchema, listUnlockAudit } from "@/lib/audit/unlock-audit";
import { queryRows } from "@/lib/db/connect";
import { studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { listOutboxEmails } from "@/lib/outbox/list-emails";
import { listOutboxQuerySchema } from "@/lib/outbox/schemas";
import { decodeCursor, encodeCursor, isValidTime } from "@/lib/pagination/cursor";
import { listStaffAudit, staffAuditQuerySchema } from "@/lib/staff-audit/list";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

const ID = "0b6f8a52-3c1e-4c3a-9f43-5b0b7e1f2a10";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function refused(raw: string): boolean {
  try {
    decodeCursor(raw);
    return false;
  } catch (error) {
    return isApiError(error) && error.code === "invalid_request";
  }
}

describe("the cursor codec", () => {
  it("round-trips a cursor with microseconds", () => {
    const cursor = { at: "2026-11-21T01:34:22.123456Z", id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("refuses anything else with 400 invalid_request", () => {
    expect(ERROR_CODES.invalid_request.status).toBe(400);
    const bad = [
      "",
      "../../etc",
      Buffer.from("not-a-date|x").toString("base64url"),
      b64({ at: "2026-01-01T00:00:00.000000Z", id: ID }),
      b64(["2026-01-01T00:00:00.000000Z"]),
      b64(["2026-01-01T00:00:00.000000Z", "not-a-uuid"]),
      b64(["2026-01-01T00:00:00.000000Z", ID, "extra"]),
      b64([1764547200000, ID]),
      // Years PostgreSQL or JS would read differently, or not at all.
      b64(["+010000-01-01T00:00:00.000000Z", ID]),
      b64(["10000-01-01T00:00:00.000000Z", ID]),
      b64(["0001-01-01T00:00:00.000000Z", ID]),
      // Impossible calendar values.
      b64(["2026-13-01T00:00:00.000000Z", ID]),
      b64(["2026-00-10T00:00:00.000000Z", ID]),
      b64(["2026-02-30T00:00:00.000000Z", ID]),
      b64(["2026-01-01T24:00:00.000000Z", ID]),
      b64(["2026-01-01T00:60:00.000000Z", ID]),
      b64(["2026-01-01T00:00:60.000000Z", ID]),
      // Milliseconds or a zone other than UTC: not what the database wrote.
      b64(["2026-01-01T00:00:00.000Z", ID]),
      b64(["2026-01-01T00:00:00.000000+01:00", ID]),
      b64(["2026-01-01 00:00:00.000000Z", ID]),
      "A".repeat(201),
    ];
    for (const raw of bad) expect(refused(raw), raw).toBe(true);
    expect(isValidTime("2028-02-29T23:59:59.999999Z")).toBe(true);
    expect(isValidTime("2027-02-29T23:59:59.999999Z")).toBe(false);
  });

  it("never throws anything but invalid_request, whatever the client sends", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        try {
          decodeCursor(raw);
        } catch (error) {
          expect(isApiError(error) && error.code === "invalid_request").toBe(true);
        }
      }),
    );
  });
});

let fx: AccessFixture;
let linkId: string;

beforeAll(async () => {
  fx = await setupAccessFixture();
  linkId = (await fx.issue({ guestName: "Cursor Guest" })).link.id;
});
afterAll(() => fx.close());

/** Many rows on a handful of instants, some a microsecond apart (one JS millisecond). */
const rowsArbitrary = fc.array(
  fc.record({
    second: fc.integer({ min: 0, max: 3 }),
    micro: fc.constantFrom(0, 1, 2, 999, 1000, 500_000),
  }),
  { minLength: 0, maxLength: 60 },
);
const instant = (r: { second: number; micro: number }) =>
  `2030-01-01T10:00:0${r.second}.${String(r.micro).padStart(6, "0")}Z`;

/** Every page of a list from the first, following nextCursor; each page at most `limit` rows. */
async function allPages(
  limit: number,
  fetchPage: (query: { limit: string; cursor?: string }) => Promise<{
    items: { id: string }[];
    nextCursor: string | null;
  }>,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe("keyset pagination over shared timestamps (property)", () => {
  it("the audit's pages, concatenated, are every row once, newest first", async () => {
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, fc.integer({ min: 1, max: 9 }), async (rows, limit) => {
        await fx.db.execute(sql`delete from unlock_audit`);
        for (const r of rows)
          await fx.db.execute(
            sql`insert into unlock_audit (link_id, studio_id, outcome, allowed, created_at)
                values (${linkId}, ${DEMO_IDS.studio}, 'unlocked', true, ${instant(r)}::timestamptz)`,
          );
        const expected = (
          await queryRows<{ id: string }>(
            fx.db,
            sql`select id from unlock_audit order by created_at desc, id desc`,
          )
        ).map((r) => r.id);
        for (const scope of [
          { studioId: DEMO_IDS.studio },
          { studioId: DEMO_IDS.studio, linkId },
        ]) {
          const seen = await allPages(limit, (q) =>
            listUnlockAudit(fx.db, scope, auditQuerySchema.parse(q)),
          );
          expect(seen).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("the outbox's pages, concatenated, are every row once, newest first", async () => {
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, fc.integer({ min: 1, max: 9 }), async (rows, limit) => {
        await fx.db.execute(sql`delete from email_outbox`);
        for (const r of rows)
          await fx.db.execute(
            sql`insert into email_outbox (link_id, studio_id, recipient, locale, status, created_at)
                values (${linkId}, ${DEMO_IDS.studio}, 'guest@example.com', 'en', 'sent',
                        ${instant(r)}::timestamptz)`,
          );
        const expected = (
          await queryRows<{ id: string }>(
            fx.db,
            sql`select id from email_outbox order by created_at desc, id desc`,
          )
        ).map((r) => r.id);
        const seen = await allPages(limit, (q) =>
          listOutboxEmails(fx.db, DEMO_IDS.studio, listOutboxQuerySchema.parse(q)),
        );
        expect(seen).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it("the staff audit's pages, concatenated, are every row of the scope once, newest first", async () => {
    const [studio] = await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio));
    // Where a change may belong: the studio read, its organization as a whole (brand templates),
    // a sibling studio and another organization's studio — the last two never on these pages.
    const homes = [
      { organizationId: DEMO_IDS.organization, studioId: DEMO_IDS.studio },
      { organizationId: DEMO_IDS.organization, studioId: null },
      { organizationId: DEMO_IDS.organization, studioId: DEMO_IDS.geofencedStudio },
      { organizationId: DEMO_IDS.otherOrganization, studioId: DEMO_IDS.otherStudio },
    ];
    const staffRows = fc.array(
      fc.record({
        second: fc.integer({ min: 0, max: 3 }),
        micro: fc.constantFrom(0, 1, 2, 999, 1000, 500_000),
        home: fc.integer({ min: 0, max: homes.length - 1 }),
      }),
      { maxLength: 60 },
    );
    await fc.assert(
      fc.asyncProperty(staffRows, fc.integer({ min: 1, max: 9 }), async (rows, limit) => {
        await fx.db.execute(sql`delete from staff_audit`);
        for (const r of rows) {
          const home = homes[r.home]!;
          await fx.db.execute(
            sql`insert into staff_audit (organization_id, studio_id, actor_kind, kind, action, created_at)
                values (${home.organizationId}, ${home.studioId}, 'system', 'settings', 'updated',
                        ${instant(r)}::timestamptz)`,
          );
        }
        for (const includeOrganization of [false, true]) {
          const expected = (
            await queryRows<{ id: string }>(
              fx.db,
              sql`select id from staff_audit
                  where studio_id = ${DEMO_IDS.studio}
                     or (${includeOrganization} and studio_id is null
                         and organization_id = ${DEMO_IDS.organization})
                  order by created_at desc, id desc`,
            )
          ).map((r) => r.id);
          const seen = await allPages(limit, (q) =>
            listStaffAudit(
              fx.db,
              { studio: studio!, includeOrganization },
              staffAuditQuerySchema.parse(q),
            ),
          );
          expect(seen).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("a forged or out-of-range cursor is refused by every list, not restarted at page one", async () => {
    const [studio] = await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio));
    for (const cursor of [
      Buffer.from("not-a-date|x").toString("base64url"),
      b64(["+010000-01-01T00:00:00.000000Z", ID]),
      b64(["2026-13-01T00:00:00.000000Z", ID]),
    ]) {
      await expect(
        listUnlockAudit(fx.db, { studioId: DEMO_IDS.studio }, auditQuerySchema.parse({ cursor })),
      ).rejects.toMatchObject({ code: "invalid_request" });
      await expect(
        listOutboxEmails(fx.db, DEMO_IDS.studio, listOutboxQuerySchema.parse({ cursor })),
      ).rejects.toMatchObject({ code: "invalid_request" });
      await expect(
        listStaffAudit(
          fx.db,
          { studio: studio!, includeOrganization: true },
          staffAuditQuerySchema.parse({ cursor }),
        ),
      ).rejects.toMatchObject({ code: "invalid_request" });
    }
  });
});
