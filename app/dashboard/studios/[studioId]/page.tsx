import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { IssueLinkForm } from "@/components/admin/issue-link-form";
import { LinksTable } from "@/components/admin/links-table";
import { PageSection } from "@/components/ui/page-section";
import { requireStudioPage } from "@/lib/auth/session";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  return { title: studio.name };
}

// /dashboard/studios/{id} – issue links and manage them. Another tenant's studio is a 404.
export default async function StudioPage({ params }: Props) {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("StudioPage");
  const tBulk = await getTranslations("BulkPage");
  return (
    <>
      <PageSection id="issue" title={t("issueHeading")}>
        <IssueLinkForm
          studioId={studio.id}
          timeZone={studio.timeZone}
          classMinutes={studio.classMinutes}
          defaultLocale={isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE}
        />
        <p>
          <Link
            href={`/dashboard/studios/${studio.id}/links/bulk`}
            className="inline-flex min-h-11 items-center text-brand underline underline-offset-4"
          >
            {tBulk("heading")}
          </Link>
        </p>
      </PageSection>
      <PageSection id="links" title={t("linksHeading")}>
        <LinksTable studioId={studio.id} timeZone={studio.timeZone} />
      </PageSection>
    </>
  );
}
