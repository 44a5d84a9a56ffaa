/**
 * WCAG 2.x contrast for brand colours. Studios pick any primary/accent colour; text on them and
 * brand-coloured text on white are derived so every pairing meets AA (4.5:1 for normal text).
 */
export const AA_TEXT = 4.5;

const HEX = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

export function parseHex(hex: string): [number, number, number] {
  if (!HEX.test(hex)) throw new TypeError(`not a #rrggbb colour: ${hex}`);
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** Relative luminance (WCAG 2.x definition). */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * CIE76 distance (ΔE*ab) below which two fills read as "the same colour" at a glance: about
 * where two blues, or a green and a teal, stop being told apart across a room. ΔE 2.3 is the
 * barely-noticeable difference; 25 is deliberately far above it, since a guest glances once.
 */
export const MIN_DISTINCT_DELTA_E = 25;

/** CIE76 colour difference (ΔE*ab) between two sRGB hex colours, via CIELAB (D65). */
export function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = toLab(a);
  const [l2, a2, b2] = toLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

function toLab(hex: string): [number, number, number] {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export const INK = "#111827";
export const WHITE = "#ffffff";

/** Text colour for a filled background: white or near-black, whichever contrasts more. */
export function textOn(background: string): string {
  return contrastRatio(WHITE, background) >= contrastRatio(INK, background) ? WHITE : INK;
}

/**
 * The brand colour itself, darkened or lightened just enough to be readable on `against`
 * (e.g. a yellow brand used for links on a white page becomes a dark amber).
 */
export function readableOn(color: string, against: string, target = AA_TEXT): string {
  if (contrastRatio(color, against) >= target) return color.toLowerCase();
  const towards: [number, number, number] = luminance(against) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const from = parseHex(color);
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const mixed = toHex(from.map((c, i) => c + (towards[i]! - c) * t) as [number, number, number]);
    if (contrastRatio(mixed, against) >= target) return mixed;
  }
  return luminance(against) > 0.5 ? INK : WHITE;
}

export type BrandPalette = {
  primary: string;
  onPrimary: string;
  accent: string;
  onAccent: string;
  /** The primary colour as text or outlines on the white page. */
  primaryText: string;
};

/**
 * A fill and its text. Mid-tones (e.g. #808080) reach 4.5:1 with neither white nor ink, so the
 * fill itself moves, as little as needed, away from its text colour.
 */
export function fillWithText(color: string): { fill: string; text: string } {
  const text = textOn(color);
  return { fill: readableOn(color, text), text };
}

/** How readable a palette is, as WCAG ratios to two decimals (the settings page reports them). */
export function paletteContrast(palette: BrandPalette) {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    primary: round(contrastRatio(palette.primary, palette.onPrimary)),
    accent: round(contrastRatio(palette.accent, palette.onAccent)),
    textOnPage: round(contrastRatio(palette.primaryText, WHITE)),
  };
}

/**
 * The one palette of a studio's brand, for the guest page, its home-screen icon and manifest,
 * the emails and the settings preview: each fill with readable text, and the primary colour
 * made readable as text on the white page.
 */
export function brandPalette(primary: string, accent: string): BrandPalette {
  const p = fillWithText(primary);
  const a = fillWithText(accent);
  return {
    primary: p.fill,
    onPrimary: p.text,
    accent: a.fill,
    onAccent: a.text,
    primaryText: readableOn(primary, WHITE),
  };
}
