import { addMinutes, WEEK_DAYS } from "@/lib/studios/durations";

/**
 * The issue form's validity presets, computed in the studio's time zone: "this class" lasts the
 * studio's class length (its settings), the week preset is always 7 days.
 */
export type Preset = "class" | "today" | "week" | "custom";
export type StudioDurations = { timeZone: string; classMinutes: number };

/** The UTC instant of 23:59 today in `timeZone` (the studio's day, not the admin's). */
export function endOfDayIn(timeZone: string, now: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const localNowAsUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  const offset = localNowAsUtc - Math.floor(now.getTime() / 60_000) * 60_000;
  const localEndAsUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    23,
    59,
  );
  return new Date(localEndAsUtc - offset);
}

export function presetWindow(
  preset: Exclude<Preset, "custom">,
  studio: StudioDurations,
  now = new Date(),
): { from: Date; until: Date } {
  switch (preset) {
    case "class":
      return { from: now, until: addMinutes(now, studio.classMinutes) };
    case "today":
      return { from: now, until: endOfDayIn(studio.timeZone, now) };
    case "week":
      return { from: now, until: new Date(now.getTime() + WEEK_DAYS * 86_400_000) };
  }
}
