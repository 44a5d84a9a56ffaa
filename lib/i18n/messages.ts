import type { Locale } from "./locales";

/**
 * Catalogues per locale: `messages/<locale>.json` holds the shared namespaces (the app's frame,
 * errors, language names), and each feature keeps its namespaces in
 * `messages/<feature>.<locale>.json`, named as the feature's folders are (links, settings,
 * studios, activity…), so a newcomer finds a page's words by its name. Namespaces never repeat
 * across files (tests/unit/i18n/messages.test.ts).
 */
export const MESSAGE_FEATURES = [
  "access",
  "account",
  "activity",
  "api-docs",
  "brand-templates",
  "bulk",
  "email",
  "links",
  "rules",
  "settings",
  "staff-audit",
  "studios",
  "team",
  "tokens",
  "webhooks",
] as const;

/** A locale's catalogue. Works anywhere (requests, the email worker, tests). */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all([
    import(`./messages/${locale}.json`),
    ...MESSAGE_FEATURES.map((feature) => import(`./messages/${feature}.${locale}.json`)),
  ]);
  return Object.assign(
    {},
    ...parts.map((part: { default: Record<string, unknown> }) => part.default),
  );
}
