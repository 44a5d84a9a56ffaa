import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

type Namespace = keyof Awaited<ReturnType<typeof getMessages>> & string;

/**
 * Hands the browser the catalogue its client components need, and no more. The root layout
 * passes only the error page's words; each part of the app wraps itself: the guest's page gets
 * its own namespaces (a phone on 4G should not download the dashboard's strings in every page's
 * payload), the dashboard, sign-in and invitation pages everything.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces?: readonly Namespace[];
  children: ReactNode;
}) {
  const messages = await getMessages();
  const picked = namespaces
    ? Object.fromEntries(namespaces.map((n) => [n, messages[n]]))
    : messages;
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
