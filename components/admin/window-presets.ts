import { addMinutes, WEEK_DAYS } from "@/lib/studios/durations";
import { endOfDayIn } from "@/lib/time/zoned-time";

/**
 * The issue form's validity presets, computed in the studio's time zone: "this class" lasts the
 * studio's class length (its settings), the week preset is always 7 days.
 */
export type Preset = "class" | "today" | "week" | "custom";
type StudioDurations = { timeZone: string; classMinutes: number };

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
