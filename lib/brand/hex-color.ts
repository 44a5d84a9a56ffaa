import { z } from "zod";

/**
 * A brand colour as studios enter it and as it is stored: `#rrggbb`. One rule for the studio
 * settings, new studios and brand templates, so a colour one accepts the others accept too.
 * The issue's `hexColor` message is a key of Errors.issues.
 */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export const hexColorSchema = z.string().regex(HEX_COLOR, "hexColor");
