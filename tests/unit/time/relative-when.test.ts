import { describe, expect, it } from "vitest";
import { relativeWhen } from "@/lib/time/relative-when";

// 2026-03-10 20:30 in Berlin (UTC+1 in March before the switch).
const now = new Date("2026-03-10T19:30:00Z");
const berlin = (iso: string) => relativeWhen(new Date(iso), now, "Europe/Berlin", "en-GB");

describe("relative dates for the front desk", () => {
  it("says minutes and hours for what is close", () => {
    expect(berlin("2026-03-10T19:55:00Z")).toBe("in 25 min");
    expect(berlin("2026-03-10T21:30:00Z")).toBe("in 2 hr");
    expect(berlin("2026-03-10T17:30:00Z")).toBe("2 hr ago");
  });

  it("says yesterday and tomorrow by the studio's calendar, with the studio's clock time", () => {
    expect(berlin("2026-03-09T17:04:00Z")).toBe("yesterday 18:04");
    expect(berlin("2026-03-11T08:00:00Z")).toBe("tomorrow 09:00");
    // At 23:30 UTC it is already the 11th in Berlin: 14:00 on the 10th is yesterday there,
    // though the same UTC day.
    expect(
      relativeWhen(
        new Date("2026-03-10T13:00:00Z"),
        new Date("2026-03-10T23:30:00Z"),
        "Europe/Berlin",
        "en-GB",
      ),
    ).toBe("yesterday 14:00");
  });

  it("falls back to a date and time, with the year only when it differs", () => {
    expect(berlin("2026-03-20T17:00:00Z")).toBe("20 Mar, 18:00");
    expect(berlin("2027-01-05T17:00:00Z")).toBe("5 Jan 2027, 18:00");
  });

  it("keeps the studio's clock convention, as its emails do", () => {
    const ny = new Date("2026-03-10T23:30:00Z");
    expect(relativeWhen(new Date("2026-03-09T22:04:00Z"), ny, "America/New_York", "en")).toBe(
      "yesterday 6:04 PM",
    );
  });

  it("speaks the reader's language", () => {
    expect(relativeWhen(new Date("2026-03-09T17:04:00Z"), now, "Europe/Berlin", "de")).toBe(
      "gestern 18:04",
    );
  });
});
