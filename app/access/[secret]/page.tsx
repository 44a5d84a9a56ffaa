import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccessScreen } from "@/components/access/access-screen";
import { findAccessForRequest, getAccessDeps } from "@/lib/access/deps";
import { countFailedLookup, hashClientIp } from "@/lib/access/unlock";
import { buildAccessView } from "@/lib/access/view";
import { clientIp } from "@/lib/api/request-guards";
import { brandPalette } from "@/lib/brand/contrast";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { homeScreenName } from "@/lib/access/home-screen";

type Props = { params: Promise<{ secret: string }> };

/**
 * /access/<token> – a guest's doors. Rendering only reads: no GET or HEAD ever unlocks or
 * changes anything (mail scanners open links). Unknown, malformed and not-yet-issued tokens
 * all get the same plain not-found page.
 */
export default async function AccessPage({ params }: Props) {
  const { secret } = await params;
  const access = await findAccessForRequest(secret);
  const deps = await getAccessDeps();
  const view = access ? await buildAccessView(deps, access) : null;
  const requestHeaders = await headers();
  if (!view) {
    // Guessing through the page costs the same as through the API: one shared counter per
    // address. A valid link was looked up first, so it is never refused by this count.
    const ip = clientIp(requestHeaders);
    await countFailedLookup(deps.db, hashClientIp(deps.ipSalt, ip));
    notFound();
  }
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  return <AccessScreen view={view} token={secret} nonce={nonce} />;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { secret } = await params;
  const access = await findAccessForRequest(secret);
  const base: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };
  if (!access) return base;
  const locale = isLocale(access.link.locale) ? access.link.locale : DEFAULT_LOCALE;
  const t = await getTranslations({ locale, namespace: "AccessPage" });
  return {
    ...base,
    title: t("metaTitle", { studio: access.studio.name }),
    manifest: `/access/${secret}/app-manifest`,
    appleWebApp: { capable: true, title: homeScreenName(access.studio.name) },
  };
}

export async function generateViewport({ params }: Props): Promise<Viewport> {
  const access = await findAccessForRequest((await params).secret);
  return {
    width: "device-width",
    initialScale: 1,
    // The same colour as the page's header and its web app manifest.
    themeColor: access
      ? brandPalette(access.studio.primaryColor, access.studio.accentColor).primary
      : "#1d4ed8",
  };
}
