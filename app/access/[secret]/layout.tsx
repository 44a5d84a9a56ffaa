import type { Metadata } from "next";
import type { ReactNode } from "react";
import { RootDocument, rootMetadata } from "@/components/layout/root-document";
import { guestLocale } from "@/lib/access/guest-locale";

type Params = { params: Promise<{ secret: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return rootMetadata(await guestLocale((await params).secret));
}

/**
 * The guest's page is a root of its own: its <html lang> is the link's language, which only
 * this route knows. The browser gets only the words the page shows (its own and the visitor
 * API's error messages).
 */
export default async function AccessLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ secret: string }>;
}) {
  const locale = await guestLocale((await params).secret);
  return (
    <RootDocument locale={locale} namespaces={["AccessPage", "Errors", "ErrorPage", "Rules"]}>
      {children}
    </RootDocument>
  );
}
