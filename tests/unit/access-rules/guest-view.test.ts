import { describe, expect, it } from "vitest";
import { ruleOpensAt } from "@/components/access/door-availability";
import { describeWeekly } from "@/lib/access-rules/describe";
import { guestRules } from "@/lib/access-rules/guest-view";
import type { WeeklyRange } from "@/lib/access-rules/schema";

const weekdays = (from: string, until: string): WeeklyRange[] =>
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, from, until }));
const link = {
  validFrom: new Date("2026-06-01T00:00:00Z"),
  validUntil: new Date("2026-08-01T00:00:00Z"),
  visitsUsed: 0,
  visitStartedAt: null,
  firstUsedAt: null,
};

describe("describeWeekly", () => {
  it("groups days with the same hours, in the guest's language and the studio's clock", () => {
    const ranges = [
      ...weekdays("07:00", "19:00"),
      { day: "sat" as const, from: "09:00", until: "13:00" },
    ];
    expect(describeWeekly(ranges, "en", "Europe/Berlin")).toBe(
      "Mon–Fri 07:00–19:00; Sat 09:00–13:00",
    );
    expect(describeWeekly(ranges, "de", "Europe/Berlin")).toBe("Mo–Fr 07:00–19:00; Sa 09:00–13:00");
    expect(describeWeekly(weekdays("07:00", "19:00"), "en", "America/New_York")).toBe(
      "Mon–Fri 7:00 AM–7:00 PM",
    );
    expect(
      describeWeekly(
        [
          { day: "tue", from: "10:00", until: "12:00" },
          { day: "thu", from: "10:00", until: "12:00" },
        ],
        "en",
        "UTC",
      ),
    ).toBe("Tue 10:00–12:00; Thu 10:00–12:00");
  });
});

describe("guestRules", () => {
  it("is null for a link without rules in an always-open studio", () => {
    const rules = { studioHours: null, link: null, visitMinutes: 90 };
    expect(guestRules(rules, "UTC", new Date("2026-07-01T10:00:00Z"), link)).toBeNull();
  });

  it("outside hours: the next opening, which the doors count down to", () => {
    const rules = {
      studioHours: null,
      link: { weekly: weekdays("07:00", "19:00"), visitLimit: 1 },
      visitMinutes: 90,
    };
    // Fri 2026-07-03 20:00 Berlin.
    const view = guestRules(rules, "Europe/Berlin", new Date("2026-07-03T18:00:00Z"), link)!;
    expect(view).toMatchObject({
      openNow: false,
      refused: "outside_hours",
      nextOpening: "2026-07-06T05:00:00.000Z",
      visitsLeft: 1,
    });
    expect(ruleOpensAt(view)).toBe(Date.parse("2026-07-06T05:00:00Z"));
    const open = guestRules(rules, "Europe/Berlin", new Date("2026-07-06T05:00:00Z"), link)!;
    expect(open).toMatchObject({ openNow: true, refused: null });
    expect(ruleOpensAt(open)).toBeNull();
  });

  it("names a closure today and its label", () => {
    const rules = {
      studioHours: {
        weekly: weekdays("07:00", "19:00"),
        exceptions: [{ date: "2026-12-25", ranges: [], label: "holiday" }],
      },
      link: null,
      visitMinutes: 90,
    };
    const view = guestRules(rules, "Europe/Berlin", new Date("2026-12-25T10:00:00Z"), {
      ...link,
      validUntil: new Date("2027-01-31T00:00:00Z"),
    })!;
    expect(view).toMatchObject({ closedToday: { label: "holiday" }, refused: "outside_hours" });
  });
});
