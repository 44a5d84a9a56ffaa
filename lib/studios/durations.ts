/** Default link durations of a studio (the issue form's presets). Pure: used on both sides. */
export const WEEK_DAYS = 7;

export function addMinutes(from: Date, minutes: number): Date {
  return new Date(from.getTime() + minutes * 60_000);
}
