import { visitCalendarEvent } from "@/lib/email/ics";
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

  it("names each TZID's VTIMEZONE, with the clock change inside the schedule's window", () => {
    const ics = visitCalendarEvent({
      uid: "u1",
      title: "Studio",
      description: "",
      location: null,
      url: "https://latchkey.example/access/x",
      start: new Date("2026-10-20T05:00:00Z"),
      end: new Date("2026-11-03T17:00:00Z"),
      organizerName: "Studio",
      weekly: {
        timeZone: "Europe/Berlin",
        start: "20261020T070000",
        end: "20261020T190000",
        byDay: ["TU"],
        until: new Date("2026-11-03T18:00:00Z"),
      },
    });
    const lines = ics.replace(/\r\n /g, "").split("\r\n");
    const zone = lines.slice(lines.indexOf("BEGIN:VTIMEZONE"), lines.indexOf("END:VTIMEZONE") + 1);
    expect(zone).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Europe/Berlin",
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0200",
      "END:STANDARD",
      // Sunday 25 October 2026, 03:00 summer time: the clocks go back to 02:00.
      "BEGIN:STANDARD",
      "DTSTART:20261025T030000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
    expect(lines.indexOf("END:VTIMEZONE")).toBeLessThan(lines.indexOf("BEGIN:VEVENT"));
    // A zone with a half-hour offset and no clock change has just its offset.
    const india = visitCalendarEvent({
      uid: "u2",
      title: "Studio",
      description: "",
      location: null,
      url: "https://latchkey.example/access/x",
      start: new Date("2026-03-01T00:00:00Z"),
      end: new Date("2026-04-01T00:00:00Z"),
      organizerName: "Studio",
      weekly: {
        timeZone: "Asia/Kolkata",
        start: "20260302T070000",
        end: "20260302T090000",
        byDay: ["MO"],
        until: new Date("2026-04-01T00:00:00Z"),
      },
    });
    expect(india).toContain("TZOFFSETTO:+0530");
    expect(india.match(/BEGIN:STANDARD/g)).toHaveLength(1);
    // No weekly schedule, no TZID: no VTIMEZONE either.
    expect(
      visitCalendarEvent({
        uid: "u3",
        title: "Studio",
        description: "",
        location: null,
        url: "https://latchkey.example/access/x",
        start: new Date("2026-10-20T05:00:00Z"),
        end: new Date("2026-11-03T17:00:00Z"),
        organizerName: "Studio",
      }),
    ).not.toContain("VTIMEZONE");
  });
});
