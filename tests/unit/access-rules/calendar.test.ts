import { describe, expect, it } from "vitest";
import { accessCalendarEntry } from "@/lib/email/compose-access-email";
import { weeklyRecurrence } from "@/lib/access-rules/describe";
import type { WeeklyRange } from "@/lib/access-rules/schema";

const weekdays = (from: string, until: string): WeeklyRange[] =>
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, from, until }));
// Wed 2026-07-01 10:00 Berlin → four weeks.
const window = {
  validFrom: new Date("2026-07-01T08:00:00Z"),
  validUntil: new Date("2026-07-29T08:00:00Z"),
};

describe("a weekly schedule in the calendar entry", () => {
  it("is one recurring event from the first range inside the window, in the studio's zone", () => {
    // 07:00 on Wednesday is before the window opens: the first occurrence is Thursday.
    expect(weeklyRecurrence(weekdays("07:00", "19:00"), "Europe/Berlin", window)).toEqual({
      timeZone: "Europe/Berlin",
      start: "20260702T070000",
      end: "20260702T190000",
      byDay: ["MO", "TU", "WE", "TH", "FR"],
      until: window.validUntil,
    });
    // Different hours on different days do not fit one rule.
    expect(
      weeklyRecurrence(
        [...weekdays("07:00", "19:00"), { day: "sat", from: "09:00", until: "13:00" }],
        "Europe/Berlin",
        window,
      ),
    ).toBeNull();
  });

  it("the .ics carries the RRULE and describes the rules in the guest's language", async () => {
    const ics = await accessCalendarEntry({
      link: { id: "l1", ...window, rules: { weekly: weekdays("07:00", "19:00"), visitLimit: 3 } },
      studio: { name: "Studio", address: null, timeZone: "Europe/Berlin" },
      url: "https://latchkey.example/access/secret",
      appOrigin: "https://latchkey.example",
      locale: "de",
    });
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain('DTSTART;TZID="Europe/Berlin":20260702T070000');
    expect(unfolded).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260729T080000Z");
    expect(unfolded).toContain("Geöffnet Mo–Fr 07:00–19:00");
    expect(unfolded).toContain("Noch 3 Besuche");
    // Without rules: the plain window event, as before.
    const plain = await accessCalendarEntry({
      link: { id: "l2", ...window },
      studio: { name: "Studio", address: null },
      url: "https://latchkey.example/access/secret",
      appOrigin: "https://latchkey.example",
      locale: "en",
    });
    expect(plain).toContain("DTSTART:20260701T080000Z");
    expect(plain).not.toContain("RRULE");
  });
});
