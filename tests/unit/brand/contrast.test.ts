import { describe, expect, it } from "vitest";
import {
  AA_TEXT,
  brandPalette,
  contrastRatio,
  luminance,
  parseHex,
  readableOn,
  textOn,
} from "@/lib/brand/contrast";

describe("contrast", () => {
  it("matches the WCAG reference values", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1, 6);
    expect(luminance("#000000")).toBe(0);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#777777")).toBeCloseTo(
      contrastRatio("#777777", "#ffffff"),
      10,
    );
    expect(parseHex("#0af")).toEqual([0, 170, 255]);
    expect(() => parseHex("red")).toThrow(TypeError);
  });

  it.each([
    "#7c3aed",
    "#f59e0b",
    "#ffff00",
    "#00ff00",
    "#1d4ed8",
    "#000000",
    "#ffffff",
    "#808080",
    "#ff69b4",
    "#0f766e",
  ])("every pairing derived from %s meets AA", (brand) => {
    const palette = brandPalette(brand, brand);
    expect(contrastRatio(palette.onPrimary, palette.primary)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(palette.onAccent, palette.accent)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(palette.primaryText, "#ffffff")).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it("keeps a colour that is already readable and adjusts one that is not, as little as needed", () => {
    expect(readableOn("#1d4ed8", "#ffffff")).toBe("#1d4ed8");
    const amber = readableOn("#f59e0b", "#ffffff");
    expect(amber).not.toBe("#f59e0b");
    expect(contrastRatio(amber, "#ffffff")).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(amber, "#ffffff")).toBeLessThan(5.2);
  });

  it("keeps the studio's fill unless its text cannot reach AA, then moves it minimally", () => {
    expect(brandPalette("#7c3aed", "#ffff00")).toMatchObject({
      primary: "#7c3aed",
      accent: "#ffff00",
    });
    const grey = brandPalette("#808080", "#808080").primary;
    expect(grey).not.toBe("#808080");
    expect(contrastRatio(grey, "#808080")).toBeLessThan(1.3);
  });

  it("puts dark text on light brands and white text on dark ones", () => {
    expect(textOn("#ffff00")).toBe("#111827");
    expect(textOn("#7c3aed")).toBe("#ffffff");
  });
});
