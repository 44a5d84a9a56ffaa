import { NextResponse, type NextRequest } from "next/server";
import { findAccessForRequest } from "@/lib/access/deps";
import { servesHomeScreen } from "@/lib/access/home-screen";
import { getConfig } from "@/lib/config";
import { accessCalendarEntry } from "@/lib/email/compose-access-email";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { accessUrl } from "@/lib/links/issue-link";
import { linkState } from "@/lib/links/state";

// Per token, per request: never prerendered or cached.
export const dynamic = "force-dynamic";

// GET /access/<token>/calendar – "Add to calendar" on the guest's page: the same .ics entry as
// the email's, for a link that can still be used. Reading it changes nothing; the URL inside
// is the guest's own, as in the email.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const access = await findAccessForRequest(secret);
  if (!access || !servesHomeScreen(linkState(access.link, new Date())))
    return new NextResponse(null, { status: 404 });
  const { appOrigin } = getConfig();
  const ics = await accessCalendarEntry({
    link: access.link,
    studio: access.studio,
    url: accessUrl(appOrigin, secret),
    appOrigin,
    locale: isLocale(access.link.locale) ? access.link.locale : DEFAULT_LOCALE,
  });
  return new NextResponse(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="visit.ics"',
      "Cache-Control": "no-store",
    },
  });
}
