import { AA_TEXT, contrastRatio, deltaE, MIN_DISTINCT_DELTA_E, WHITE } from "./contrast";

export { deltaE };

/**
 * The colours of a door's states on the guest's page. A guest at the door must tell "open"
 * from "ready" from "failed" at a glance in any brand, so these colours are Latchkey's, not the
 * studio's: the brand paints the header and the ready buttons only. Each state has a few fixed
 * candidates (a strong fill with white text first, then a light and a dark one); the first that
 * is far enough from the brand's ready colour wins, so a green brand never gets a green-looking
 * "open" that reads like "ready". Every candidate's text meets WCAG AA on its fill, and every
 * fill or border meets 3:1 against the white page (WCAG 1.4.11), which tests check for any brand.
 */
export type StateColors = { fill: string; text: string; border: string };
export type DoorStatePalette = {
  opened: StateColors;
  failed: StateColors;
  busy: StateColors;
  unavailable: StateColors;
};

/** CIE76 distance below which two fills read as "the same colour" at a glance. */
export const MIN_STATE_DELTA_E = MIN_DISTINCT_DELTA_E;

const CANDIDATES: Record<keyof DoorStatePalette, StateColors[]> = {
  opened: [
    { fill: "#15803d", text: WHITE, border: "#15803d" },
    { fill: "#dcfce7", text: "#14532d", border: "#15803d" },
    { fill: "#14532d", text: WHITE, border: "#14532d" },
  ],
  failed: [
    { fill: "#b91c1c", text: WHITE, border: "#b91c1c" },
    { fill: "#fee2e2", text: "#7f1d1d", border: "#b91c1c" },
    { fill: "#7f1d1d", text: WHITE, border: "#7f1d1d" },
  ],
  busy: [
    { fill: "#fef3c7", text: "#78350f", border: "#b45309" },
    { fill: "#b45309", text: WHITE, border: "#b45309" },
    { fill: "#78350f", text: WHITE, border: "#78350f" },
  ],
  // Unavailable doors are a quiet outlined grey: never mistaken for a door to tap.
  unavailable: [
    { fill: "#f3f4f6", text: "#1f2937", border: "#6b7280" },
    { fill: "#ffffff", text: "#1f2937", border: "#6b7280" },
    { fill: "#4b5563", text: WHITE, border: "#4b5563" },
  ],
};

/** The door-state colours for a studio whose ready buttons are filled with `readyFill`. */
export function doorStatePalette(readyFill: string): DoorStatePalette {
  const pick = (state: keyof DoorStatePalette, avoid: string[]) =>
    CANDIDATES[state].find((c) => avoid.every((a) => deltaE(c.fill, a) >= MIN_STATE_DELTA_E)) ??
    // Unreachable for real colours (the candidates are far apart); the test proves it.
    [...CANDIDATES[state]].sort(
      (x, y) =>
        Math.min(...avoid.map((a) => deltaE(y.fill, a))) -
        Math.min(...avoid.map((a) => deltaE(x.fill, a))),
    )[0]!;
  const opened = pick("opened", [readyFill]);
  const failed = pick("failed", [readyFill, opened.fill]);
  // Busy must never look like ready or open; beside "failed" its words and icon tell them apart.
  const busy = pick("busy", [readyFill, opened.fill]);
  const unavailable = pick("unavailable", [readyFill]);
  return { opened, failed, busy, unavailable };
}

/** Whether a state's colours meet AA: text on fill 4.5:1, and its edge 3:1 against the page. */
export function stateColorsAccessible(colors: StateColors, page = WHITE): boolean {
  return (
    contrastRatio(colors.text, colors.fill) >= AA_TEXT &&
    Math.max(contrastRatio(colors.fill, page), contrastRatio(colors.border, page)) >= 3
  );
}

/** The state colour a guest page would use if the brand allowed it (each state's first choice). */
export const PREFERRED_STATE_FILLS = {
  opened: CANDIDATES.opened[0]!.fill,
  failed: CANDIDATES.failed[0]!.fill,
  busy: CANDIDATES.busy[0]!.fill,
} as const;
