import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as acceptRoute from "@/app/api/invitations/accept/route";
import * as previewRoute from "@/app/api/studios/[studioId]/links/bulk/preview/route";
import { DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { fromClient } from "../../support/client-address";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";

/**
 * What handle() now does for these routes that their old hand-written handlers did in place:
 * the accept route's budget per address, spent before the body is read, and a CSV upload's
 * media type and size checked before the service sees it.
 */
let h: RouteHarness;
beforeAll(async () => {
  h = await setupRouteHarness();
});
afterAll(() => h.close());

const accept = (address: string, json: unknown) =>
  h.call(
    acceptRoute.POST,
    {},
    {
      method: "POST",
      path: "/api/invitations/accept",
      headers: { origin: h.origin, ...fromClient(address) },
      json,
    },
  );

describe("POST /api/invitations/accept", () => {
  it("allows 10 tries per address per 10 minutes, counting malformed ones, then 429", async () => {
    const guess = { token: "x".repeat(43), name: "Guess", password: "a-long-enough-password" };
    for (let i = 0; i < 9; i++) expect((await accept("192.0.2.10", guess)).status).toBe(404);
    // A malformed body spends the budget too: it is metered before the body is read.
    expect((await accept("192.0.2.10", { token: "" })).status).toBe(422);
    const refused = await accept("192.0.2.10", guess);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    // Another address has its own budget.
    expect((await accept("192.0.2.11", guess)).status).toBe(404);
  });

  it("refuses another site's form post before counting or reading anything", async () => {
    const res = await h.call(
      acceptRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/invitations/accept",
        headers: { origin: "https://evil.example", ...fromClient("192.0.2.12") },
        json: { token: "x" },
      },
    );
    expect(res.status).toBe(403);
  });
});

describe("a CSV upload", () => {
  const preview = async (headers: Record<string, string>, body: string) => {
    const cookie = await h.sessionCookie(DEMO_STAFF.frontDesk.email);
    return h.call(
      previewRoute.POST,
      { studioId: DEMO_IDS.studio },
      {
        method: "POST",
        path: `/api/studios/${DEMO_IDS.studio}/links/bulk/preview`,
        headers: { cookie, origin: h.origin, ...headers },
        body,
      },
    );
  };
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const csv = `name,valid_from,valid_until\r\nJo,${day} 09:00,${day} 10:00\r\n`;

  it("is read as text/csv or text/plain, with or without a charset", async () => {
    for (const type of ["text/csv", "text/plain; charset=utf-8", "Text/CSV;charset=UTF-8"]) {
      const res = await preview({ "content-type": type }, csv);
      expect(res.status, type).toBe(200);
      expect(((await res.json()) as { total: number }).total).toBe(1);
    }
  });

  it("of another type is 415, and one above 256 KiB is 413", async () => {
    const json = await preview({ "content-type": "application/json" }, JSON.stringify({ csv }));
    expect(json.status).toBe(415);
    const big = await preview({ "content-type": "text/csv" }, csv + "x".repeat(256 * 1024));
    expect(big.status).toBe(413);
  });
});
