import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  linkRulesSchema,
  passTypeInputSchema,
  rulesWindowIssues,
  studioHoursSchema,
  WEEKDAYS,
} from "@/lib/access-rules/schema";

const issuesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) =>
  result.success
    ? []
    : result.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));

describe("rule schemas", () => {
  it("accepts several ranges a day, touching ranges and a night range", () => {
    const ok = linkRulesSchema.safeParse({
      weekly: [
        { day: "mon", from: "07:00", until: "12:00" },
        { day: "mon", from: "12:00", until: "19:00" },
        { day: "mon", from: "22:00", until: "02:00", nextDay: true },
        { day: "tue", from: "02:00", until: "24:00" },
      ],
      visitLimit: 1,
      validForMinutes: 1440,
    });
    expect(issuesOf(ok)).toEqual([]);
  });

  it.each([
    [
      "an inverted range",
      { weekly: [{ day: "mon", from: "19:00", until: "07:00" }] },
      [{ path: "weekly.0.until", message: "rangeInverted" }],
    ],
    [
      "an empty range",
      { weekly: [{ day: "mon", from: "07:00", until: "07:00" }] },
      [{ path: "weekly.0.until", message: "rangeInverted" }],
    ],
    [
      "overlapping ranges",
      {
        weekly: [
          { day: "wed", from: "07:00", until: "12:00" },
          { day: "wed", from: "11:00", until: "13:00" },
        ],
      },
      [{ path: "weekly.1.from", message: "rangesOverlap" }],
    ],
    [
      "a night range running into the next day's range",
      {
        weekly: [
          { day: "sun", from: "22:00", until: "08:00", nextDay: true },
          { day: "mon", from: "07:00", until: "12:00" },
        ],
      },
      [{ path: "weekly.1.from", message: "rangesOverlap" }],
    ],
    [
      "an unknown weekday",
      { weekly: [{ day: "monday", from: "07:00", until: "12:00" }] },
      [{ path: "weekly.0.day", message: "unknownWeekday" }],
    ],
    [
      "a time that is not HH:mm",
      { weekly: [{ day: "mon", from: "7:00", until: "25:00" }] },
      [
        { path: "weekly.0.from", message: "clockTime" },
        { path: "weekly.0.until", message: "clockTime" },
      ],
    ],
    ["zero visits", { visitLimit: 0 }, [{ path: "visitLimit", message: "visitLimitTooSmall" }]],
    [
      "a fraction of a visit",
      { visitLimit: 1.5 },
      [{ path: "visitLimit", message: "positiveInteger" }],
    ],
    ["an unknown field", { visits: 2 }, [{ path: "", message: expect.any(String) }]],
  ])("refuses %s with its field path", (_, input, expected) => {
    expect(issuesOf(linkRulesSchema.safeParse(input))).toEqual(expected);
  });

  it("a duration longer than the window is refused against the window", () => {
    const window = {
      validFrom: new Date("2026-07-01T00:00:00Z"),
      validUntil: new Date("2026-07-01T12:00:00Z"),
    };
    expect(rulesWindowIssues({ validForMinutes: 1440 }, window)).toEqual([
      { path: "rules.validForMinutes", message: "durationExceedsWindow" },
    ]);
    expect(rulesWindowIssues({ validForMinutes: 720 }, window)).toEqual([]);
    expect(
      issuesOf(
        passTypeInputSchema.safeParse({
          name: "Day pass",
          rules: { validForMinutes: 1440 },
          windowMinutes: 60,
        }),
      ),
    ).toEqual([{ path: "rules.validForMinutes", message: "durationExceedsWindow" }]);
  });

  it("studio exceptions: a date once, real dates, overlapping special hours refused", () => {
    expect(
      issuesOf(
        studioHoursSchema.safeParse({
          weekly: [],
          exceptions: [
            { date: "2026-12-25", ranges: [] },
            { date: "2026-12-25", ranges: [] },
            { date: "2026-02-30", ranges: [] },
            {
              date: "2026-12-31",
              ranges: [
                { from: "07:00", until: "12:00" },
                { from: "11:00", until: "14:00" },
              ],
            },
          ],
        }),
      ),
    ).toEqual([
      { path: "exceptions.2.date", message: "isoDate" },
      { path: "exceptions.3.ranges.1.from", message: "rangesOverlap" },
      { path: "exceptions.1.date", message: "duplicateDate" },
    ]);
  });

  it("property: ranges on different days that do not cross midnight never overlap", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }),
        (days) => {
          const weekly = days.map((day) => ({ day, from: "00:00", until: "24:00" }));
          expect(linkRulesSchema.safeParse({ weekly }).success).toBe(true);
          // The same list once more always overlaps itself.
          expect(linkRulesSchema.safeParse({ weekly: [...weekly, weekly[0]] }).success).toBe(false);
        },
      ),
    );
  });
});
