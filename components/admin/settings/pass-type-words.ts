"use client";

import { useLocale, useTranslations } from "next-intl";
import { describeLinkRules } from "@/lib/access-rules/describe";
import type { LinkRules } from "@/lib/access-rules/schema";
import { formatDurationShort } from "@/lib/time/guest-dates";

/**
 * Rules in the staff's words, for the pass-type list and the issue sheet: the sentences of the
 * guest's email (describeLinkRules; the schedule in the `Rules` catalogue's words), plus what only staff are told
 * (studio hours ignored, the default window, the language). Schedules are in the studio's zone.
 */
export function usePassTypeWords(timeZone: string) {
  const locale = useLocale();
  const tRules = useTranslations("Rules");
  const t = useTranslations("AccessRulesUi.passTypes");
  const tLang = useTranslations("Languages");

  const rules = (value: LinkRules | null | undefined): string[] => {
    // The schedule as the guest reads it; counts and durations in staff terms ("1 visit").
    const lines = describeLinkRules(value ?? null, locale, timeZone, (key, values) =>
      key === "opens" ? tRules(key, values) : t(key, values),
    );
    if (value?.ignoreStudioHours) lines.push(t("ignoresHours"));
    return lines;
  };
  const describe = (p: { rules: LinkRules; windowMinutes: number; locale: string | null }) => {
    const lines = rules(p.rules);
    if (lines.length === 0) lines.push(t("noRules"));
    lines.push(t("window", { duration: formatDurationShort(p.windowMinutes * 60_000, locale) }));
    if (p.locale)
      lines.push(t("language", { language: tLang(`${p.locale}` as Parameters<typeof tLang>[0]) }));
    return lines;
  };
  return { rules, describe };
}
