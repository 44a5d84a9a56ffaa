import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale, type Locale } from "./locales";
import { loadMessages } from "./messages";

/**
 * next-intl without i18n routing. The locale, in order: one passed explicitly
 * (`getTranslations({ locale })`: emails, and the guest's and the invitation's pages, which know
 * their language from the link or invitation they show — their root layouts pass it, see
 * components/layout/root-document.tsx); on the dashboard, the language the signed-in person
 * chose in their account menu (kept on the account, so it follows them to another device); the
 * `NEXT_LOCALE` cookie; Accept-Language.
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale: Locale = isLocale(explicit)
    ? explicit
    : ((await dashboardUserLocale()) ?? (await visitorLocale()));
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});

async function visitorLocale(): Promise<Locale> {
  return resolveLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
  });
}

/**
 * The signed-in person's chosen language, on dashboard pages only (proxy.ts passes the path):
 * the dashboard's pages and layouts are many and may render without one another on a client
 * navigation, so the choice is read here, once per request, rather than handed down by each.
 */
async function dashboardUserLocale(): Promise<Locale | null> {
  const requestHeaders = await headers();
  if (!(requestHeaders.get("x-latchkey-pathname") ?? "").startsWith("/dashboard")) return null;
  const [{ getSession }, { getDb }, { userLocale }] = await Promise.all([
    import("@/lib/auth"),
    import("@/lib/db"),
    import("@/lib/dashboard/user-locale"),
  ]);
  const session = await getSession(requestHeaders);
  return session ? userLocale(await getDb(), session.user.id) : null;
}
