import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as actionsRoute from "@/app/api/studios/[studioId]/links/actions/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import de from "@/lib/i18n/messages/de.json";
import { accessLinks, emailOutbox } from "@/lib/db/schema";
import { DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";

/** POST /api/studios/{studioId}/links/actions through the real route, and the single routes' refusals. */
let h: RouteHarness;
let headers: Record<string, string>;
const studioId = DEMO_IDS.studio;
const path = `/api/studios/${studioId}/links/actions`;
const bulk = (json: unknown, extra: Record<string, string> = {}) =>
  h.call(
    actionsRoute.POST,
    { studioId },
    { method: "POST", path, headers: { ...headers, ...extra }, json },
  );

type Answer = {
  action: string;
  succeeded: number;
  failed: number;
  results: {
    id: string;
    ok: boolean;
    guestName: string | null;
    error: { code: string; message: string } | null;
  }[];
};

async function expire(id: string) {
  const past = new Date(Date.now() - 3_600_000);
  await h.fx.db
    .update(accessLinks)
    .set({ validFrom: new Date(past.getTime() - 3_600_000), validUntil: past })
    .where(eq(accessLinks.id, id));
}

beforeAll(async () => {
  h = await setupRouteHarness();
  headers = { cookie: await h.sessionCookie(DEMO_STAFF.frontDesk.email), origin: h.origin };
});
afterAll(() => h.close());

describe("bulk link actions", () => {
  it("revokes the links it may and reports the others one by one, in the caller's language", async () => {
    const a = (await h.fx.issue({ guestName: "Bulk A" })).link.id;
    const b = (await h.fx.issue({ guestName: "Bulk B" })).link.id;
    const expired = (await h.fx.issue({ guestName: "Bulk Expired" })).link.id;
    await expire(expired);
    const elsewhere = (
      await h.fx.issue({ guestName: "Other studio", studioId: DEMO_IDS.geofencedStudio })
    ).link.id;

    const res = await bulk(
      { action: "revoke", linkIds: [a, expired, b, elsewhere] },
      { "accept-language": "de" },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body).toMatchObject({ action: "revoke", succeeded: 2, failed: 2 });
    expect(body.results.map((r) => [r.id, r.ok, r.error?.code ?? null])).toEqual([
      [a, true, null],
      [expired, false, "conflict"],
      [b, true, null],
      [elsewhere, false, "not_found"],
    ]);
    expect(body.results[0]!.guestName).toBe("Bulk A");
    // In German, from the shared Errors catalogue.
    expect(body.results[1]!.error!.message).toBe(de.Errors.conflict);

    const rows = await h.fx.db
      .select({ id: accessLinks.id, status: accessLinks.status })
      .from(accessLinks)
      .where(inArray(accessLinks.id, [a, b, expired, elsewhere]));
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status).toEqual({
      [a]: "revoked",
      [b]: "revoked",
      [expired]: "issued",
      [elsewhere]: "issued",
    });
  });

  it("extends each link by a day, an expired one from now", async () => {
    const live = await h.fx.issue({ guestName: "Extend Live" });
    const expired = (await h.fx.issue({ guestName: "Extend Expired" })).link.id;
    await expire(expired);
    const before = Date.now();
    const res = await bulk({ action: "extend", linkIds: [live.link.id, expired] });
    const body = (await res.json()) as Answer;
    expect(body).toMatchObject({ succeeded: 2, failed: 0 });
    const rows = await h.fx.db
      .select()
      .from(accessLinks)
      .where(inArray(accessLinks.id, [live.link.id, expired]));
    const until = (id: string) => rows.find((r) => r.id === id)!.validUntil.getTime();
    expect(until(live.link.id)).toBe(live.link.validUntil.getTime() + 86_400_000);
    expect(until(expired)).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(until(expired)).toBeLessThan(Date.now() + 86_400_000 + 1000);
  });

  it("resends only to links with an address", async () => {
    const mailed = (await h.fx.issue({ guestName: "Mailed", guestEmail: "m@example.com" })).link.id;
    const silent = (await h.fx.issue({ guestName: "No address" })).link.id;
    const body = (await (
      await bulk({ action: "resend", linkIds: [mailed, silent] })
    ).json()) as Answer;
    expect(body.results.map((r) => r.error?.code ?? "ok")).toEqual(["ok", "conflict"]);
    const queued = await h.fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, mailed));
    expect(queued).toHaveLength(1);
  });

  it("refuses an empty, oversized or repeating selection as a whole", async () => {
    const id = (await h.fx.issue()).link.id;
    for (const linkIds of [[], Array.from({ length: 101 }, () => crypto.randomUUID()), [id, id]]) {
      const res = await bulk({ action: "revoke", linkIds });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
    }
    expect((await bulk({ action: "delete", linkIds: [id] })).status).toBe(422);
  });
});

describe("the single routes follow the same table", () => {
  it("refuses to revoke an expired link (409) but replays a revoke of a revoked one", async () => {
    const expired = (await h.fx.issue({ guestName: "Single Expired" })).link.id;
    await expire(expired);
    const del = (linkId: string) =>
      h.call(
        linkRoute.DELETE,
        { studioId, linkId },
        {
          method: "DELETE",
          path: `/api/studios/${studioId}/links/${linkId}`,
          headers,
        },
      );
    expect((await del(expired)).status).toBe(409);
    const live = (await h.fx.issue({ guestName: "Single Live" })).link.id;
    expect((await del(live)).status).toBe(200);
    expect((await del(live)).status).toBe(200);
  });
});
