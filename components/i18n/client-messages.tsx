import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";

export type Namespace = keyof Awaited<ReturnType<typeof getMessages>> & string;

/**
 * Hands the browser the catalogue its client components need, and no more. The root layout
 * passes only the error page's words; each part of the app wraps itself: the guest's page gets
 * its own namespaces (a phone on 4G should not download the dashboard's strings in every page's
 * payload), the dashboard, sign-in and invitation pages everything.
 *
 * A page whose language comes from what it shows (a guest's link, an invitation) passes `locale`,
 * so neither the catalogue nor the client's provider asks next-intl's request config for it.
 */
export async function ClientMessages({
  locale,
  namespaces,
  children,
}: {
  locale?: Locale;
  namespaces?: readonly Namespace[];
  children: ReactNode;
}) {
  const messages = await getMessages(locale ? { locale } : undefined);
  const picked = namespaces
    ? Object.fromEntries(namespaces.map((n) => [n, messages[n]]))
    : messages;
  return (
    <NextIntlClientProvider locale={locale} messages={picked}>
      {children}
    </NextIntlClientProvider>
  );
}
