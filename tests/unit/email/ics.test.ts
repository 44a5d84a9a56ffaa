import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { visitCalendarEvent } from "@/lib/email/ics";

/**
 * Issue #15, "calendar injection": a studio name or address with CR, LF or CRLF must never start
 * a content line of its own in the guest's .ics. Checked by parsing the output back with an
 * independent iCalendar parser (ical.js), not by looking for strings in our own output.
 */
const INJECTIONS = {
  crlf: "Studio\r\nX-Probe-Injected: studio-name",
  cr: "Studio\rX-Probe-Injected: studio-name",
  lf: "Studio\nX-Probe-Injected: studio-name",
  event: "Studio\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Injected event",
  quote: 'Studio"\r\n;X-Probe-Injected=1:mailto:evil@example.com',
  separator: "Studio\u2028X-Probe-Injected: studio-name",
} as const;

function build(name: string, address: string, extra: Partial<{ title: string }> = {}) {
  return visitCalendarEvent({
    uid: "link-1@access.example.com",
    title: extra.title ?? `Your visit to ${name}`,
    description: `Open the doors: https://access.example.com/access/abc\nStudio: ${name}`,
    location: address,
    url: "https://access.example.com/access/abc",
    start: new Date("2030-05-01T09:00:00Z"),
    end: new Date("2030-05-01T18:00:00Z"),
    organizerName: name,
    organizerEmail: "desk@studio.example.com",
    now: new Date("2030-04-01T00:00:00Z"),
  });
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
}

describe("the visit's .ics", () => {
  it.each(Object.entries(INJECTIONS))(
    "a studio name and address with %s stay inside their own properties",
    (_kind, hostile) => {
      const ics = build(hostile, `Main St 1\r\n${hostile}`);
      const { calendar, events } = parse(ics);
      expect(events).toHaveLength(1);
      const event = events[0]!;
      const names = [calendar, event].flatMap((c) =>
        c.getAllProperties().map((p) => p.name.toLowerCase()),
      );
      expect(names.filter((n) => n.startsWith("x-"))).toEqual([]);
      expect(event.getFirstPropertyValue("uid")).toBe("link-1@access.example.com");
      // Text properties carry the line breaks as line breaks, inside the value.
      const normalized = hostile.replace(/\r\n|\r|\u2028/g, "\n");
      expect(event.getFirstPropertyValue("location")).toBe(`Main St 1\n${normalized}`);
      expect(event.getFirstPropertyValue("summary")).toBe(`Your visit to ${normalized}`);
      // The organizer's CN is one quoted parameter: no quote, no line break, same address.
      const organizer = event.getFirstProperty("organizer")!;
      expect(organizer.getFirstValue()).toBe("mailto:desk@studio.example.com");
      const cn = organizer.getParameter("cn") as string;
      expect(cn).not.toMatch(/["\r\n]/);
      expect(cn.startsWith("Studio")).toBe(true);
      expect(Object.keys(organizer.toJSON()[1] as object)).toEqual(["cn"]);
      // And on the wire, every physical line is a property or a fold.
      for (const line of ics.split("\r\n").filter(Boolean)) {
        expect(line, line).toMatch(/^( |[A-Z-]+[;:])/);
        expect(line).not.toMatch(/[\r\n]/);
      }
    },
  );

  it("escapes commas, semicolons and backslashes in text", () => {
    const { events } = parse(build("A, B; C \\ D", "x"));
    expect(events[0]!.getFirstPropertyValue("summary")).toBe("Your visit to A, B; C \\ D");
  });

  it("folds long lines at 75 octets without splitting a character, and they parse back whole", () => {
    const long = "Ünïcødé Studio ".repeat(20).trim();
    const ics = build(long, "Straße 1");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(parse(ics).events[0]!.getFirstPropertyValue("summary")).toBe(`Your visit to ${long}`);
    // expect(fold("x".repeat(75))).toBe("x".repeat(75));
    // expect(fold("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("has no ORGANIZER without an address (the property requires one)", () => {
    const ics = visitCalendarEvent({
      uid: "u@x",
      title: "t",
      description: "d",
      location: null,
      url: "https://access.example.com/access/abc",
      start: new Date("2030-05-01T09:00:00Z"),
      end: new Date("2030-05-01T10:00:00Z"),
      organizerName: "Studio",
    });
    const event = parse(ics).events[0]!;
    expect(event.getFirstProperty("organizer")).toBeNull();
    expect(event.getFirstProperty("location")).toBeNull();
    expect(event.getFirstPropertyValue("dtstart")?.toString()).toBe("2030-05-01T09:00:00Z");
  });
});
