import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deltaE,
  doorStatePalette,
  MIN_STATE_DELTA_E,
  stateColorsAccessible,
} from "@/lib/brand/door-states";
import { brandPalette, contrastRatio } from "@/lib/brand/contrast";

const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);

describe("door-state colours", () => {
  it("every state is readable (AA) and stands out from the page, for any brand pair", () => {
    fc.assert(
      fc.property(hex, hex, (primary, accent) => {
        const ready = brandPalette(primary, accent).primary;
        for (const [state, colors] of Object.entries(doorStatePalette(ready)))
          expect(stateColorsAccessible(colors), `${state} for ${primary}`).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("open, failed and busy never look like ready, and open never looks like failed or busy", () => {
    fc.assert(
      fc.property(hex, hex, (primary, accent) => {
        const ready = brandPalette(primary, accent).primary;
        const p = doorStatePalette(ready);
        const pairs: Array<[string, string, string]> = [
          ["opened/ready", p.opened.fill, ready],
          ["failed/ready", p.failed.fill, ready],
          ["busy/ready", p.busy.fill, ready],
          ["opened/failed", p.opened.fill, p.failed.fill],
          ["opened/busy", p.opened.fill, p.busy.fill],
        ];
        for (const [label, a, b] of pairs)
          expect(deltaE(a, b), `${label} for ${primary}`).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
      }),
      { numRuns: 2_000 },
    );
  });

  it("the measured brands of the finding: yellow, near-black and the default blue", () => {
    for (const brand of ["#ffe600", "#111111", "#1d4ed8", "#15803d", "#b91c1c"]) {
      const ready = brandPalette(brand, brand).primary;
      const p = doorStatePalette(ready);
      expect(deltaE(p.opened.fill, ready)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
      expect(deltaE(p.failed.fill, ready)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
      expect(contrastRatio(p.opened.text, p.opened.fill)).toBeGreaterThanOrEqual(4.5);
    }
    // A green brand gets a light "open", not a second green button.
    expect(doorStatePalette("#15803d").opened.fill).not.toBe("#15803d");
  });

  it("ΔE is a distance: zero for the same colour, symmetric, large for black and white", () => {
    expect(deltaE("#123456", "#123456")).toBe(0);
    expect(deltaE("#ff0000", "#00ff00")).toBeCloseTo(deltaE("#00ff00", "#ff0000"));
    expect(deltaE("#000000", "#ffffff")).toBeCloseTo(100, 0);
  });
});
