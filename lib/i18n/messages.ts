import type { Locale } from "./locales";

/** A locale's catalogue. Works anywhere (requests, the email worker, tests). */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  return (await import(`./messages/${locale}.json`)).default;
}
