import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { NotFoundPage } from "@/components/layout/not-found-page";
import { RootDocument } from "@/components/layout/root-document";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NotFoundPage");
  return { title: t("title") };
}

/**
 * A URL that matches no route. The app has several root layouts (see RootDocument), so no
 * layout wraps such a URL: this page renders its own document, in the visitor's language.
 */
export default async function GlobalNotFound() {
  return (
    <RootDocument locale={(await getLocale()) as Locale} namespaces={["ErrorPage"]}>
      <NotFoundPage />
    </RootDocument>
  );
}
