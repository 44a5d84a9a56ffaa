import { z } from "zod";
import { studioOnboardingSchema } from "./onboarding";

const instant = z.iso.datetime({ offset: true });

/**
 * What a studio's "Today" page shows: the studio's day (its own time zone, not the reader's),
 * guests expected, doors opened, refusals with their reason, emails that failed, and the
 * onboarding checklist. Every entry carries its link's id, so each is one click from the link.
 */
export const studioTodaySchema = z
  .object({
    timeZone: z.string(),
    day: z.object({ date: z.string(), from: instant, until: instant }),
    onboarding: studioOnboardingSchema,
    expected: z.array(
      z.object({
        linkId: z.string(),
        guestName: z.string(),
        validFrom: instant,
        validUntil: instant,
        state: z.enum(["scheduled", "active"]),
        openedToday: z.boolean(),
      }),
    ),
    opened: z.array(
      z.object({
        id: z.string(),
        at: instant,
        linkId: z.string().nullable(),
        guestName: z.string().nullable(),
        doorName: z.string().nullable(),
        lockId: z.number().int().nullable(),
      }),
    ),
    refusals: z.array(
      z.object({
        id: z.string(),
        at: instant,
        linkId: z.string().nullable(),
        guestName: z.string().nullable(),
        outcome: z.string(),
      }),
    ),
    failedEmails: z.array(
      z.object({
        id: z.string(),
        at: instant,
        linkId: z.string(),
        guestName: z.string(),
        status: z.enum(["failed", "dead"]),
      }),
    ),
    counts: z.object({
      expected: z.number().int(),
      opened: z.number().int(),
      refused: z.number().int(),
    }),
  })
  .meta({ id: "StudioToday" });

export type StudioToday = z.infer<typeof studioTodaySchema>;
