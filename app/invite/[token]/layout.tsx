import type { Metadata } from "next";
import type { ReactNode } from "react";
import { RootDocument, rootMetadata } from "@/components/layout/root-document";
import { invitationLocale } from "@/lib/team/invitation-page";

type Params = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return rootMetadata(await invitationLocale((await params).token));
}

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
