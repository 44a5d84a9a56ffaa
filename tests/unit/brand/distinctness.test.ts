import { describe, expect, it } from "vitest";
import { deltaE, MIN_DISTINCT_DELTA_E } from "@/lib/brand/contrast";
import { brandDistinctness } from "@/lib/brand/distinctness";

describe("CIE76 ΔE", () => {
  it("matches published CIELAB values (D65): red to green is about 170.6, black to white 100", () => {
    // Lab red (53.24, 80.09, 67.20), green (87.73, -86.18, 83.18): Bruce Lindbloom's calculator.
    expect(deltaE("#ff0000", "#00ff00")).toBeCloseTo(170.6, 0);
    expect(deltaE("#000000", "#ffffff")).toBeCloseTo(100, 1);
    expect(deltaE("#1d4ed8", "#1d4ed8")).toBe(0);
  });
});

describe("brandDistinctness", () => {
  it("passes Latchkey's default blue and teal, which guests tell apart", () => {
    const d = brandDistinctness("#1d4ed8", "#0f766e");
    expect(d.primaryAccent.tooClose).toBe(false);
    expect(d.primaryAccent.deltaE).toBeGreaterThan(MIN_DISTINCT_DELTA_E);
    expect(d.statesLikePrimary).toEqual([]);
  });

  it("warns for two blues that both pass AA but cannot be told apart", () => {
    const d = brandDistinctness("#1d4ed8", "#2563eb");
    expect(d.primaryAccent.tooClose).toBe(true);
    expect(d.primaryAccent.deltaE).toBeLessThan(MIN_DISTINCT_DELTA_E);
  });

  it("compares the fills guests see: a colour moved for AA is compared after the move", () => {
    // #ffff00 gets dark text; #eeee00 too: both stay bright yellows, still alike.
    expect(brandDistinctness("#ffff00", "#eeee00").primaryAccent.tooClose).toBe(true);
  });

  it("names the door states whose usual colour a green or red brand resembles", () => {
    expect(brandDistinctness("#15803d", "#1d4ed8").statesLikePrimary).toContain("opened");
    expect(brandDistinctness("#b91c1c", "#1d4ed8").statesLikePrimary).toContain("failed");
    expect(brandDistinctness("#1d4ed8", "#0f766e").statesLikePrimary).not.toContain("opened");
  });
});
