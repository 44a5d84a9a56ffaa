import type { LinkRules } from "./schema";

/*
 * The zod-free parts of the rules: the guest page formats schedules in the browser
 * (components/access/rule-notice.tsx) and must not ship the schemas (docs/guest-page.md's
 * JavaScript budget; tests/unit/contracts/visitor-client.test.ts walks its imports).
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since midnight of `HH:mm` (24:00 → 1440). */
export function clockMinutes(value: string): number {
  const [h, m] = value.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether rules need Latchkey to count visits and remember the first use. */
export function tracksVisits(rules: LinkRules | null | undefined): boolean {
  return Boolean(rules && (rules.visitLimit !== undefined || rules.validForMinutes !== undefined));
}
