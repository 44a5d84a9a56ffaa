import { createEvent } from "ics";

/** An .ics calendar entry for the visit, so the link is easy to find again on the day. */
export function visitCalendarEvent(input: {
  uid: string;
  title: string;
  description: string;
  location: string | null;
  url: string;
  start: Date;
  end: Date;
  organizerName: string;
}): string {
  const toUtc = (d: Date) =>
    [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ] as [number, number, number, number, number];
  const { error, value } = createEvent({
    uid: input.uid,
    title: input.title,
    description: input.description,
    location: input.location ?? undefined,
    url: input.url,
    start: toUtc(input.start),
    startInputType: "utc",
    startOutputType: "utc",
    end: toUtc(input.end),
    endInputType: "utc",
    endOutputType: "utc",
    organizer: { name: input.organizerName },
    productId: "latchkey/ics",
    method: "PUBLISH",
  });
  if (error || !value)
    throw new Error(`could not build the calendar entry: ${error?.message ?? "empty"}`);
  return value;
}
