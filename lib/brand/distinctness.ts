import { deltaE, fillWithText, MIN_DISTINCT_DELTA_E } from "./contrast";
import { PREFERRED_STATE_FILLS } from "./door-states";

export type DoorStateName = keyof typeof PREFERRED_STATE_FILLS;

export type BrandDistinctness = {
  /** ΔE between the primary and accent fills guests see; below the limit they look alike. */
  primaryAccent: { deltaE: number; tooClose: boolean };
  /**
   * The guest page's door states whose usual colour the primary resembles ("opened" green for a
   * green brand): the page then shows that state in another fixed shade, so a guest never
   * confuses "ready" with "open" — but the admin should know it happens.
   */
  statesLikePrimary: DoorStateName[];
};

/**
 * Whether a brand's colours can be told apart: contrast (WCAG) says text is readable on each
 * fill, not that two fills differ. Compares the fills as guests see them (after the AA
 * adjustment), by CIE76 ΔE.
 */
export function brandDistinctness(primary: string, accent: string): BrandDistinctness {
  const p = fillWithText(primary).fill;
  const a = fillWithText(accent).fill;
  const pa = deltaE(p, a);
  return {
    primaryAccent: { deltaE: Math.round(pa * 10) / 10, tooClose: pa < MIN_DISTINCT_DELTA_E },
    statesLikePrimary: (Object.keys(PREFERRED_STATE_FILLS) as DoorStateName[]).filter(
      (state) => deltaE(p, PREFERRED_STATE_FILLS[state]) < MIN_DISTINCT_DELTA_E,
    ),
  };
}
