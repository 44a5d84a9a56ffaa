import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale, type Locale } from "./locales";

/**
 * next-intl without i18n routing: the locale is resolved per request (cookie, then
 * Accept-Language). Code that knows the locale from data (a guest's link, an email) passes it
 * explicitly with `getTranslations({ locale })`; it arrives here as `locale` and wins.
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale: Locale = isLocale(explicit)
    ? explicit
    : resolveLocale({
        cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
        acceptLanguage: (await headers()).get("accept-language"),
      });
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  return (await import(`./messages/${locale}.json`)).default;
}
