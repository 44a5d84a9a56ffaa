import { existsSync, readFileSync } from "node:fs";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import {
  GROWTH_END,
  GROWTH_OPERATIONS,
  GROWTH_START,
  growthResultsSchema,
  renderGrowthTables,
  runGrowthBench,
  spliceGrowth,
} from "@/bench/lib/growth";

/**
 * Keeps the growth part of `npm run bench` from rotting: it runs for real at a toy size on
 * PGlite, and the committed full run must match the schema and be what docs/benchmarks.md shows.
 * Nothing here asserts how fast anything is.
 */
describe("the growth bench", { timeout: 120_000 }, () => {
  it("seeds, measures every operation and renders a table", async () => {
    const results = await runGrowthBench(
      {
        sizes: [
          { label: "tiny", links: 120, audit: 600 },
          { label: "tiny too", links: 150, audit: 900 },
        ],
        samples: 2,
        warmup: 0,
      },
      { mode: "quick", log: () => undefined, postgres: false },
    );
    // Both sizes' databases are open at once and each is sampled for every operation.
    expect(results.runs.map((r) => [r.engine, r.size.label])).toEqual([
      ["pglite", "tiny"],
      ["pglite", "tiny too"],
    ]);
    for (const run of results.runs) {
      expect(run.diskMiB).toBeGreaterThan(0);
      for (const [key] of GROWTH_OPERATIONS) expect(run.operations[key]?.n).toBe(2);
    }
    const tables = renderGrowthTables(results);
    for (const [, label] of GROWTH_OPERATIONS) expect(tables).toContain(label);
    expect(tables).toContain("Not measured: postgres (switched off)");
  });

  it("replaces only its own block of a document", () => {
    const once = spliceGrowth("# Title\n\nProse.\n", "| a |\n");
    const twice = spliceGrowth(once, "| b |\n");
    expect(twice).toContain("Prose.");
    expect(twice).toContain("| b |");
    expect(twice).not.toContain("| a |");
    expect(twice.split(GROWTH_START)).toHaveLength(2);
    expect(twice.split(GROWTH_END)).toHaveLength(2);
  });

  it("has a committed full run that docs/benchmarks.md shows", async () => {
    const latest = "bench/results/growth-latest.json";
    expect(existsSync(latest)).toBe(true);
    const results = growthResultsSchema.parse(JSON.parse(readFileSync(latest, "utf8")));
    expect(results.meta.mode).toBe("full");
    expect(results.runs.map((r) => r.size.audit)).toEqual(
      results.meta.engines.flatMap(() => [10_000, 100_000, 1_000_000]),
    );
    const options = (await prettier.resolveConfig("docs/benchmarks.md")) ?? {};
    const tables = await prettier.format(renderGrowthTables(results), {
      ...options,
      filepath: "docs/benchmarks.md",
    });
    expect(readFileSync("docs/benchmarks.md", "utf8")).toContain(tables.trim());
  });
});
