import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale, type Locale } from "./locales";
import { loadMessages } from "./messages";

const ACCESS_PATH = /^\/access\/([A-Za-z0-9_-]{43})(?:\/|$)/;
const INVITE_PATH = /^\/invite\/([A-Za-z0-9_-]{43})(?:\/|$)/;

/**
 * next-intl without i18n routing. The locale, in order: one passed explicitly
 * (`getTranslations({ locale })`, e.g. for emails); on an access page, the language chosen for
 * that guest's link, and on an invitation, the one chosen for the invitee (so the page speaks
 * the email's language); on the dashboard, the language the signed-in person chose in their
 * account menu (kept on the account, so it follows them to another device); the `NEXT_LOCALE`
 * cookie; Accept-Language.
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale: Locale = isLocale(explicit)
    ? explicit
    : ((await accessLinkLocale()) ??
      (await invitationLocale()) ??
      (await dashboardUserLocale()) ??
      (await visitorLocale()));
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});

async function visitorLocale(): Promise<Locale> {
  return resolveLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
  });
}

/** proxy.ts passes the path; the lookup is shared with the page (one query per request). */
async function accessLinkLocale(): Promise<Locale | null> {
  const match = ACCESS_PATH.exec((await headers()).get("x-latchkey-pathname") ?? "");
  if (!match?.[1]) return null;
  const { findAccessForRequest } = await import("@/lib/access/deps");
  const access = await findAccessForRequest(match[1]);
  return access && isLocale(access.link.locale) ? access.link.locale : null;
}

async function invitationLocale(): Promise<Locale | null> {
  const match = INVITE_PATH.exec((await headers()).get("x-latchkey-pathname") ?? "");
  if (!match?.[1]) return null;
  const [{ getDb }, { findUsableInvitation }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/team/invitations"),
  ]);
  const found = await findUsableInvitation(await getDb(), match[1]);
  return found && isLocale(found.invitation.locale) ? found.invitation.locale : null;
}

/** The signed-in person's chosen language, on dashboard pages only (guests have no account). */
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
