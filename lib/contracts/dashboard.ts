import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { studioTodaySchema } from "@/lib/schemas/today";
import { defineContract } from "./define";
import { STUDIO_ERRORS, studioParams, studioStaff } from "./shared";

/**
 * The dashboard's own reads and preferences: a studio's "Today" page and the signed-in person's
 * dashboard language. Session only (a booking system's token has no dashboard).
 */
export const studioToday = defineContract({
  id: "dashboard.today",
  method: "GET",
  path: "/api/studios/{studioId}/today",
  summary: "The studio's day: guests expected, doors opened, refusals, failed emails, onboarding",
  description:
    "The day is the studio's calendar day in its own time zone (23 or 25 hours on a DST change).",
  caller: studioStaff,
  params: studioParams,
  success: { status: 200, schema: studioTodaySchema },
  errors: STUDIO_ERRORS,
  internal: true,
});

/** `null` goes back to following the browser (Accept-Language, then the cookie). */
export const setLanguageBodySchema = z.strictObject({ locale: z.enum(LOCALES).nullable() });

export const setDashboardLanguage = defineContract({
  id: "dashboard.setLanguage",
  method: "PUT",
  path: "/api/account/language",
  summary: "The signed-in person's dashboard language, kept on their account",
  caller: { kind: "signed-in" },
  body: setLanguageBodySchema,
  success: { status: 200, schema: z.object({ locale: z.enum(LOCALES).nullable() }) },
  errors: ["unauthorized", "validation_failed", "rate_limited"],
  internal: true,
});
