import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { RootDocument, rootMetadata } from "@/components/layout/root-document";
import type { Locale } from "@/lib/i18n/locales";

export function generateMetadata(): Promise<Metadata> {
  return rootMetadata();
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d4ed8" };

/**
 * The root of the dashboard, sign-in, the API reference and the home page: their language is
 * the signed-in person's choice or the browser's (lib/i18n/request.ts).
 */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  // Only the error boundary's words here; each part of the site adds what it needs.
  return (
    <RootDocument locale={locale} namespaces={["ErrorPage"]}>
      {children}
    </RootDocument>
  );
}
