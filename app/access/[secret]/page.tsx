import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccessScreen } from "@/components/access/access-screen";
import { findAccessForRequest, getAccessDeps } from "@/lib/access/deps";
import { buildAccessView } from "@/lib/access/view";
import { brandPalette } from "@/lib/studios/contrast";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";

type Props = { params: Promise<{ secret: string }> };

/**
 * /access/<token> – a guest's doors. Rendering only reads: no GET or HEAD ever unlocks or
 * changes anything (mail scanners open links). Unknown, malformed and not-yet-issued tokens
 * all get the same plain not-found page.
 */
export default async function AccessPage({ params }: Props) {
  const { secret } = await params;
  const access = await findAccessForRequest(secret);
  const view = access ? await buildAccessView(await getAccessDeps(), access) : null;
  if (!view) notFound();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
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
    appleWebApp: { capable: true, title: access.studio.name },
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
