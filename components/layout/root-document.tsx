import type { ReactNode } from "react";
import { inter } from "@/app/fonts";
import "@/app/globals.css";
import { ClientMessages, type Namespace } from "@/components/i18n/client-messages";
import type { Locale } from "@/lib/i18n/locales";

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
