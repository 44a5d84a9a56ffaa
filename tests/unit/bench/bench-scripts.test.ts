import { existsSync, readFileSync } from "node:fs";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { medianLighthouse } from "@/bench/lib/browser";
import { clearKisiRequests, createKisiLink, kisiBudget, kisiRequests } from "@/bench/lib/kisi";
import { cannon, pacedLatency } from "@/bench/lib/load";
import { renderTables, spliceTables, TABLES_END, TABLES_START } from "@/bench/lib/report";
import { benchResultsSchema } from "@/bench/lib/results";
import { maxInWindow, percentile, ratio, summarize, tally } from "@/bench/lib/stats";
import { startKisiEmulator, type KisiEmulator } from "@/lib/kisi/emulator";

/**
 * Keeps `npm run bench` from rotting without running the whole thing (that needs a production
 * build and minutes): its measuring parts run for real against the Kisi emulator, and the
 * committed results must still match the schema and render as the tables in docs/benchmarks.md.
 * Nothing here asserts how fast anything is.
 */
let kisi: KisiEmulator;
let secret: string;

beforeAll(async () => {
  kisi = await startKisiEmulator({ port: 0, seed: "demo", rateLimitPerSecond: 1_000_000 });
  secret = await createKisiLink(kisi.url);
});
afterAll(async () => {
  await kisi.close();
});

describe("bench statistics", () => {
  it("takes nearest-rank percentiles and summaries", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p99: 3, mean: 2 });
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(1, 0)).toBeNull();
    expect(tally([200, 200, 503])).toEqual({ "200": 2, "503": 1 });
  });

  it("folds several Lighthouse runs into their median, with the range and failed runs left out", () => {
    const run = (performance: number, lcpMs: number) => ({
      page: "p",
      performance,
      accessibility: 100,
      bestPractices: 96,
      lcpMs,
    });
    expect(
      medianLighthouse("p", [
        run(84, 2600),
        { page: "p", error: "timeout" },
        run(92, 1800),
        run(90, 2000),
      ]),
    ).toEqual({
      page: "p",
      performance: 90,
      accessibility: 100,
      bestPractices: 96,
      lcpMs: 2000,
      runs: 3,
      performanceMin: 84,
      performanceMax: 92,
    });
    expect(medianLighthouse("p", [run(80, 1), run(90, 3)])).toMatchObject({
      performance: 85,
      lcpMs: 2,
    });
    expect(medianLighthouse("p", [{ page: "p", error: "exited 1" }])).toEqual({
      page: "p",
      error: "exited 1",
    });
  });

  it("counts the busiest sliding second", () => {
    expect(maxInWindow([0, 100, 999, 1000, 1500, 1600, 1700])).toBe(5);
    expect(maxInWindow([])).toBe(0);
  });
});

describe("bench load helpers against the emulator", () => {
  it("runs autocannon and reports a well-formed result", async () => {
    await clearKisiRequests(kisi.url);
    const result = await cannon({
      url: `${kisi.url}/locks`,
      headers: { authorization: `KISI-GROUP-LINK ${secret}` },
      connections: 2,
      durationSeconds: 1,
    });
    expect(result.url).toBe("/locks");
    expect(result.total).toBeGreaterThan(0);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    // Every request autocannon sent is one the emulator saw (it may count a few in flight).
    const seen = kisiBudget(await kisiRequests(kisi.url));
    expect(seen.requests).toBeGreaterThanOrEqual(result.total);
    expect(seen.tooManyRequests).toBe(0);
  });

  it("times paced calls and keeps their statuses", async () => {
    await clearKisiRequests(kisi.url);
    const { latency, statuses } = await pacedLatency(3, 10, async () => {
      const res = await fetch(`${kisi.url}/locks/5001/unlock`, {
        method: "POST",
        headers: { authorization: `KISI-GROUP-LINK ${secret}`, "content-type": "application/json" },
        body: "{}",
      });
      return res.status;
    });
    expect(statuses).toEqual([200, 200, 200]);
    expect(latency.n).toBe(3);
    const seen = await kisiRequests(kisi.url);
    expect(seen.filter((r) => r.path === "/locks/5001/unlock")).toHaveLength(3);
  });
});

describe("bench results and tables", () => {
  const latest = "bench/results/latest.json";

  it("has committed results that match the schema and render every section", () => {
    expect(existsSync(latest)).toBe(true);
    const results = benchResultsSchema.parse(JSON.parse(readFileSync(latest, "utf8")));
    expect(results.meta.mode).toBe("full");
    const tables = renderTables(results);
    for (const heading of ["### 1.", "### 2.", "### 3.", "### 4.", "### 5.", "### 6.", "### 7."])
      expect(tables).toContain(heading);
    expect(tables).toContain(`${results.bulk.links} | ${results.bulk.issued}`);
  });

  it("docs/benchmarks.md shows the committed results", async () => {
    const results = benchResultsSchema.parse(JSON.parse(readFileSync(latest, "utf8")));
    const doc = readFileSync("docs/benchmarks.md", "utf8");
    // The run formats the document with prettier, as `npm run lint` wants it.
    const options = (await prettier.resolveConfig("docs/benchmarks.md")) ?? {};
    const tables = await prettier.format(renderTables(results), {
      ...options,
      filepath: "docs/benchmarks.md",
    });
    expect(doc).toContain(tables.trim());
  });

  it("replaces only the generated block of a document", () => {
    const once = spliceTables("# Title\n\nProse.\n", "| a |\n");
    expect(once).toContain(TABLES_START);
    const twice = spliceTables(once, "| b |\n");
    expect(twice).toContain("Prose.");
    expect(twice).toContain("| b |");
    expect(twice).not.toContain("| a |");
    expect(twice.split(TABLES_START)).toHaveLength(2);
    expect(twice.split(TABLES_END)).toHaveLength(2);
  });
});
