import type { ReactNode } from "react";
import { RootDocument } from "@/components/layout/root-document";
import { invitationLocale } from "@/lib/team/invitation-page";

/**
 * An invitation is a root of its own: its <html lang> is the invitation's language. The
 * invitation form is a client component, so the browser gets the whole catalogue.
 */
export default async function InviteLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ token: string }>;
}) {
  const locale = await invitationLocale((await params).token);
  return <RootDocument locale={locale}>{children}</RootDocument>;
}
