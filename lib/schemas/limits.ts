import type { z } from "zod";

/** The HTML attributes a form control takes from its schema: length for text, range for numbers. */
export type InputLimits = { maxLength?: number; minLength?: number; min?: number; max?: number };

type Unwrappable = { unwrap: () => z.ZodType };
type Bounded = {
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
};

/**
 * A field's bounds read off its zod schema (through `.optional()`, `.nullable()`, defaults), so a
 * form's `maxLength`, `min` and `max` are the very numbers the server checks: a limit is written
 * once, in lib/schemas, and an input never lets an admin type what the API would refuse. A
 * schema without bounds gives `{}`; so does `.int()` alone, whose implied safe-integer range is
 * no limit an input should state.
 */
export function inputLimits(schema: z.ZodType): InputLimits {
  let s: unknown = schema;
  for (let depth = 0; depth < 8; depth++) {
    const b = s as Bounded;
    if (b.maxLength !== undefined || b.maxValue !== undefined) break;
    if (typeof (s as Partial<Unwrappable>).unwrap !== "function") break;
    s = (s as Unwrappable).unwrap();
  }
  const b = s as Bounded;
  const limits: InputLimits = {};
  const put = (key: keyof InputLimits, value: number | null | undefined) => {
    if (typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER) limits[key] = value;
  };
  put("maxLength", b.maxLength);
  put("minLength", b.minLength);
  put("min", b.minValue);
  put("max", b.maxValue);
  return limits;
}

/** inputLimits for a number field whose bounds must exist (a range slider needs both ends). */
export function numberRange(schema: z.ZodType): { min: number; max: number } {
  const { min, max } = inputLimits(schema);
  if (min === undefined || max === undefined) throw new Error("the schema has no number range");
  return { min, max };
}
