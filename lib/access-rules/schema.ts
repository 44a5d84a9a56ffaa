import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { clockMinutes, WEEKDAYS } from "./clock";

export { clockMinutes, tracksVisits, WEEKDAYS, type Weekday } from "./clock";

/**
 * Access rules a Kisi group link cannot express (issue #13): studio opening hours with dated
 * exceptions, a link's own weekly schedule, a visit limit and a validity that starts at the first
 * entry. Written once here and used by the Studio API, the CSV import, pass types and the
 * dashboard forms, so every way in refuses the same bad rules with the same field paths.
 *
 * Issue messages are keys of `Errors.issues` (translated for the caller by the API layer).
 * Times are wall-clock `HH:mm` in the studio's time zone; a range is `[from, until)`.
 */

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** The longest "valid from first use" a link may carry: the longest link window (366 days). */
export const MAX_VALID_FOR_MINUTES = 366 * MINUTES_PER_DAY;
export const MAX_VISIT_LIMIT = 1000;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "clockTime" });
/** `until` may also be 24:00, the end of the day, so a range can run to midnight exactly. */
const clockEnd = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: "clockTime" });

type RangeShape = { from: string; until: string; nextDay?: boolean | undefined };

/**
 * A range's length in minutes. A range that ends on the next day must say so (`nextDay`): an
 * `until` before `from` without it is a typing mistake ("19:00–07:00"), refused as inverted,
 * rather than silently read as a night shift.
 */
export function rangeMinutes(range: RangeShape): number {
  const from = clockMinutes(range.from);
  const until = clockMinutes(range.until);
  return range.nextDay ? until + MINUTES_PER_DAY - from : until - from;
}

function checkRange(range: RangeShape, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  const length = rangeMinutes(range);
  if (!range.nextDay && length <= 0)
    ctx.addIssue({ code: "custom", message: "rangeInverted", path: [...path, "until"] });
  else if (range.nextDay && (length > MINUTES_PER_DAY || range.until === "24:00"))
    ctx.addIssue({ code: "custom", message: "rangeTooLong", path: [...path, "until"] });
}

const timeRangeShape = {
  from: clockTime,
  until: clockEnd,
  /** The range ends on the following day (22:00 → 02:00): it belongs to the day it starts on. */
  nextDay: z.boolean().optional(),
};

export const timeRangeSchema = z
  .strictObject(timeRangeShape)
  .superRefine((range, ctx) => checkRange(range, ctx));
export type TimeRange = z.infer<typeof timeRangeSchema>;

export const weeklyRangeSchema = z
  .strictObject({ day: z.enum(WEEKDAYS, { error: "unknownWeekday" }), ...timeRangeShape })
  .superRefine((range, ctx) => checkRange(range, ctx));
export type WeeklyRange = z.infer<typeof weeklyRangeSchema>;

/** Where a weekly range lies in the week, in minutes from Monday 00:00 (may pass the week's end). */
function weekSpan(range: WeeklyRange): [number, number] {
  const start = WEEKDAYS.indexOf(range.day) * MINUTES_PER_DAY + clockMinutes(range.from);
  return [start, start + rangeMinutes(range)];
}

function spansOverlap([a, b]: [number, number], [c, d]: [number, number], period: number) {
  // Sunday's night range runs into Monday: compare a week earlier and later too.
  return [-period, 0, period].some((shift) => a < d + shift && c + shift < b);
}

/** Ranges of one list may touch (07:00–12:00, 12:00–19:00) but not overlap. */
export const weeklySchema = z
  .array(weeklyRangeSchema)
  .max(70)
  .superRefine((ranges, ctx) => {
    const valid = ranges.map((r) => rangeMinutes(r) > 0 && rangeMinutes(r) <= MINUTES_PER_DAY);
    for (let i = 0; i < ranges.length; i++)
      for (let j = 0; j < i; j++)
        if (
          valid[i] &&
          valid[j] &&
          spansOverlap(weekSpan(ranges[i]!), weekSpan(ranges[j]!), MINUTES_PER_WEEK)
        ) {
          ctx.addIssue({ code: "custom", message: "rangesOverlap", path: [i, "from"] });
          break;
        }
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "isoDate" })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { error: "isoDate" },
  );

/**
 * A dated exception to the studio's weekly hours: its ranges replace the weekly ranges that
 * start on that date; none means closed all day (25 Dec). `label` is shown to guests ("holiday").
 */
export const hoursExceptionSchema = z
  .strictObject({
    date: isoDate,
    ranges: z.array(timeRangeSchema).max(10),
    label: z.string().trim().min(1).max(80).optional(),
  })
  .superRefine((exception, ctx) => {
    const spans = exception.ranges.map((r): [number, number] => {
      const start = clockMinutes(r.from);
      return [start, start + rangeMinutes(r)];
    });
    for (let i = 0; i < spans.length; i++)
      for (let j = 0; j < i; j++)
        if (spansOverlap(spans[i]!, spans[j]!, Number.POSITIVE_INFINITY)) {
          ctx.addIssue({ code: "custom", message: "rangesOverlap", path: ["ranges", i, "from"] });
          break;
        }
  });
export type HoursException = z.infer<typeof hoursExceptionSchema>;

/** A studio's opening hours. Null on the studio = always open (the default, as before rules). */
export const studioHoursSchema = z
  .strictObject({
    weekly: weeklySchema,
    exceptions: z.array(hoursExceptionSchema).max(400).default([]),
  })
  .superRefine((hours, ctx) => {
    const seen = new Set<string>();
    hours.exceptions.forEach((exception, i) => {
      if (seen.has(exception.date))
        ctx.addIssue({ code: "custom", message: "duplicateDate", path: ["exceptions", i, "date"] });
      seen.add(exception.date);
    });
  });
export type StudioHours = z.infer<typeof studioHoursSchema>;

/** A link's own rules, inside its window. Every field is optional; `{}` behaves as no rules. */
export const linkRulesSchema = z.strictObject({
  /** The link opens only inside these weekly ranges (and inside studio hours, unless ignored). */
  weekly: weeklySchema.min(1, { error: "weeklyEmpty" }).optional(),
  /** How many visits the link allows (1 = a single-entry trial pass). */
  visitLimit: z
    .number({ error: "positiveInteger" })
    .int({ error: "positiveInteger" })
    .min(1, { error: "visitLimitTooSmall" })
    .max(MAX_VISIT_LIMIT, { error: "visitLimitTooLarge" })
    .optional(),
  /** Valid for this long from the first successful unlock (day pass: 1440), inside the window. */
  validForMinutes: z
    .number({ error: "positiveInteger" })
    .int({ error: "positiveInteger" })
    .min(1, { error: "positiveInteger" })
    .max(MAX_VALID_FOR_MINUTES, { error: "windowTooLong" })
    .optional(),
  /** Staff and cleaners: the studio's opening hours do not apply (the link's own schedule does). */
  ignoreStudioHours: z.boolean().optional(),
});
export type LinkRules = z.infer<typeof linkRulesSchema>;

/**
 * The checks that need the link's window as well as its rules: a "valid from first use" longer
 * than the whole window could never run its course. `path` prefixes the issue (`rules`).
 */
export function rulesWindowIssues(
  rules: LinkRules | null | undefined,
  window: { validFrom: Date; validUntil: Date },
  path = "rules",
): { path: string; message: string }[] {
  if (!rules?.validForMinutes) return [];
  const windowMinutes = (window.validUntil.getTime() - window.validFrom.getTime()) / 60_000;
  return rules.validForMinutes > windowMinutes
    ? [{ path: `${path}.validForMinutes`, message: "durationExceedsWindow" }]
    : [];
}

/**
 * A studio's named preset ("Trial class: 1 visit, valid 14 days"): rules plus the default window
 * length and, optionally, the guest's language. Pass types live per studio and in brand
 * templates (copied onto a studio when the template is applied).
 */
export const passTypeInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    rules: linkRulesSchema,
    /** The link's default window length from its start (14 days = 20160). */
    windowMinutes: z.number().int().min(1).max(MAX_VALID_FOR_MINUTES),
    locale: z.enum(LOCALES).optional(),
  })
  .superRefine((passType, ctx) => {
    if (passType.rules.validForMinutes && passType.rules.validForMinutes > passType.windowMinutes)
      ctx.addIssue({
        code: "custom",
        message: "durationExceedsWindow",
        path: ["rules", "validForMinutes"],
      });
  });
export type PassTypeInput = z.infer<typeof passTypeInputSchema>;
