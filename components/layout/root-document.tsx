import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { inter } from "@/app/fonts";
import "@/app/globals.css";
import { ClientMessages, type Namespace } from "@/components/i18n/client-messages";
import type { Locale } from "@/lib/i18n/locales";

/** Every root's title and description: a page's own title is followed by the product's name. */
export async function rootMetadata(locale?: Locale): Promise<Metadata> {
  const t = locale
    ? await getTranslations({ locale, namespace: "Metadata" })
    : await getTranslations("Metadata");
  return {
    title: { default: t("title"), template: `%s · ${t("title")}` },
    description: t("description"),
  };
}

/**
 * The <html> and <body> of every root layout. The app has three roots because each knows its
 * language from a different place: the guest's page from the link it shows, an invitation from
 * the invitation, everything else from the signed-in account or the browser (lib/i18n/request.ts).
 * One root could only learn the first two by looking the token up again from the request path.
 */
export function RootDocument({
  locale,
  namespaces,
  children,
}: {
  locale: Locale;
  /** The client components' catalogue for this part of the app; all of it when left out. */
  namespaces?: readonly Namespace[];
  children: ReactNode;
}) {
  return (
    <html lang={locale} className={inter.variable}>
      <body className="min-h-dvh font-sans antialiased">
        <ClientMessages locale={locale} namespaces={namespaces}>
          {children}
        </ClientMessages>
      </body>
    </html>
  );
}
