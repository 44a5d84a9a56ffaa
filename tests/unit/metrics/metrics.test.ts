import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as unlockRoute from "@/app/api/access/doors/[lockId]/unlock/route";
import * as metricsRoute from "@/app/api/metrics/route";
import { DEMO_SEED } from "@/lib/kisi/emulator/seed";
import { metricsAccess } from "@/lib/metrics/endpoint";
import { PAGE_AREAS, apiRoute, kisiEndpoint, pageArea } from "@/lib/metrics/registry";
import { fromClient } from "../../support/client-address";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";

const TOKEN = "metrics-scraper-token-0123456789abcdef";

describe("who may read the metrics", () => {
  it("no token configured: the endpoint does not exist, whatever is presented", () => {
    expect(metricsAccess(null, null)).toBe("disabled");
    expect(metricsAccess(null, TOKEN)).toBe("disabled");
  });
  it("a configured token: only that exact token is allowed", () => {
    expect(metricsAccess(TOKEN, TOKEN)).toBe("allowed");
    expect(metricsAccess(TOKEN, null)).toBe("refused");
    expect(metricsAccess(TOKEN, TOKEN.slice(0, -1))).toBe("refused");
    expect(metricsAccess(TOKEN, `${TOKEN}x`)).toBe("refused");
    expect(metricsAccess(TOKEN, TOKEN.toUpperCase())).toBe("refused");
  });
});

describe("labels keep shapes, never ids or tokens", () => {
  it("Kisi paths lose their numeric ids", () => {
    expect(kisiEndpoint("/locks/5001/unlock")).toBe("/locks/:id/unlock");
    expect(kisiEndpoint("/group_links/77")).toBe("/group_links/:id");
    expect(kisiEndpoint("/group_links")).toBe("/group_links");
  });
  it("API paths keep their words; ids, uuids and tokens become :id", () => {
    expect(apiRoute("/api/access/doors/5001/unlock")).toBe("/api/access/doors/:id/unlock");
    expect(apiRoute("/api/studios/2b7c0a4e-1f7d-4a51-9c4b-8c2d7e9f1a33/links")).toBe(
      "/api/studios/:id/links",
    );
    expect(apiRoute("/api/metrics")).toBe("/api/metrics");
  });
  it("pages are counted by area; an unknown path is 'other'", () => {
    expect(pageArea("/access/AbCdEf0123456789_-xyz")).toBe("/access");
    expect(pageArea("/dashboard/studios/1/links")).toBe("/dashboard");
    expect(pageArea("/")).toBe("/");
    expect(pageArea("/wp-login.php")).toBe("other");
  });
  it("the page areas are the app's top-level page folders", () => {
    const app = path.resolve(__dirname, "../../../app");
    // A route group — app/(site)/ — is no part of the URL: its folders are top-level areas too.
    const topLevel = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name !== "api")
        .flatMap((d) =>
          d.name.startsWith("(")
            ? topLevel(path.join(dir, d.name))
            : hasPage(path.join(dir, d.name))
              ? [d.name]
              : [],
        );
    const areas = topLevel(app).sort();
    expect([...PAGE_AREAS].sort()).toEqual(areas);
  });
});

function hasPage(dir: string): boolean {
  if (existsSync(path.join(dir, "page.tsx")) || existsSync(path.join(dir, "route.ts"))) return true;
  return readdirSync(dir, { withFileTypes: true }).some(
    (d) => d.isDirectory() && hasPage(path.join(dir, d.name)),
  );
}

describe("GET /api/metrics", () => {
  let h: RouteHarness;
  beforeAll(async () => {
    process.env.LATCHKEY_METRICS_TOKEN = TOKEN;
    h = await setupRouteHarness();
  });
  afterAll(async () => {
    delete process.env.LATCHKEY_METRICS_TOKEN;
    await h.close();
  });

  const scrape = (authorization?: string) =>
    h.call(
      metricsRoute.GET,
      {},
      {
        path: "/api/metrics",
        headers: authorization ? { authorization } : {},
      },
    );
  const value = (text: string, series: string): number => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it("is refused without the token and with a wrong one (401, the token never echoed)", async () => {
    for (const authorization of [
      undefined,
      "Bearer wrong-token-0123456789abcdef0123456789",
      `Basic ${TOKEN}`,
    ]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toContain("latchkey_");
      expect(text).not.toContain(TOKEN);
    }
  });

  it("counts an unlock: its outcome, the Kisi call by endpoint and status, the API latency", async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const issued = await h.fx.issue({ guestEmail: "guest@example.com", sendEmail: true });
    const lockId = DEMO_SEED.guestLockIds[0]!;
    const res = await h.call(
      unlockRoute.POST,
      { lockId: String(lockId) },
      {
        method: "POST",
        path: `/api/access/doors/${lockId}/unlock`,
        headers: {
          origin: h.origin,
          authorization: `Bearer ${issued.token}`,
          ...fromClient("198.51.100.77"),
        },
        json: {},
      },
    );
    expect(res.status).toBe(200);

    const scraped = await scrape(`Bearer ${TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    const after = await scraped.text();

    const unlocked = 'latchkey_unlock_attempts_total{outcome="unlocked"}';
    expect(value(after, unlocked)).toBe(value(before, unlocked) + 1);
    const kisiUnlock =
      'latchkey_kisi_requests_total{endpoint="/locks/:id/unlock",method="POST",status="200"}';
    expect(value(after, kisiUnlock)).toBe(value(before, kisiUnlock) + 1);
    const apiCount =
      'latchkey_api_request_duration_seconds_count{route="/api/access/doors/:id/unlock",method="POST",status="200"}';
    expect(value(after, apiCount)).toBe(value(before, apiCount) + 1);
    // The issued link's email waits in the outbox (no worker runs here).
    expect(value(after, "latchkey_outbox_backlog")).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^latchkey_outbox_oldest_age_seconds \d/m);
    expect(after).toMatch(/^latchkey_kisi_lane_queued 0$/m);
    expect(value(after, "latchkey_kisi_lane_wait_seconds_count")).toBeGreaterThan(
      value(before, "latchkey_kisi_lane_wait_seconds_count"),
    );

    // No secret of any kind: the access token, the Kisi link secrets and API key, the scrape
    // token, and no id either (lock ids are shapes only).
    const kisiSecrets = h.fx.emulator.state.groupLinks.map((l) => l.secret);
    expect(kisiSecrets.length).toBeGreaterThan(0);
    for (const secret of [issued.token, ...kisiSecrets, DEMO_SEED.apiKey, TOKEN]) {
      expect(after).not.toContain(secret);
    }
    // Ids would sit in label values; the sample values themselves are numbers that may contain
    // the same digits by chance (a duration of 0.005001 s), so only the series names are read.
    const series = after.replace(/ \S+$/gm, "");
    expect(series).not.toContain(String(lockId));
  });

  it("counts a refusal by its code", async () => {
    const series = 'latchkey_unlock_attempts_total{outcome="not_found"}';
    const before = value(await (await scrape(`Bearer ${TOKEN}`)).text(), series);
    const res = await h.call(
      unlockRoute.POST,
      { lockId: "5001" },
      {
        method: "POST",
        path: "/api/access/doors/5001/unlock",
        headers: {
          origin: h.origin,
          authorization: "Bearer unknownTokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          ...fromClient("198.51.100.78"),
        },
        json: {},
      },
    );
    expect(res.status).toBe(404);
    expect(value(await (await scrape(`Bearer ${TOKEN}`)).text(), series)).toBe(before + 1);
  });

  it("is off (404) when no token is configured", async () => {
    delete process.env.LATCHKEY_METRICS_TOKEN;
    vi.resetModules();
    const fresh = await import("@/app/api/metrics/route");
    const res = await h.call(
      fresh.GET,
      {},
      {
        path: "/api/metrics",
        headers: { authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("latchkey_");
  });
});
