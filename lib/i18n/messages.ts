import type { Locale } from "./locales";

/**
 * Catalogues per locale: `messages/<locale>.json` holds the shared namespaces, and each dashboard
 * feature keeps its own namespaces in `messages/<feature>.<locale>.json`, so a feature's strings
 * live beside each other and two features never edit the same file. Namespaces never repeat
 * across files (tests/unit/i18n/messages.test.ts).
 */
export const MESSAGE_FEATURES = [
  "access",
  "settings",
  "team",
  "tokens",
  "bulk",
  "outbox",
  "growth",
  "hardening",
  "security",
  "api-docs",
  "webhooks",
  "dashboard-settings",
  "dashboard-links",
  "rules",
  "access-rules-ui",
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
