import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IssueSheet } from "@/components/admin/links/issue-sheet";
import { LinksTable } from "@/components/admin/links/links-table";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { listPassTypes } from "@/lib/access-rules/pass-types";
import { loadStudioReadiness } from "@/lib/studios/readiness";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("DashboardLinks.page");
  return { title: `${t("title")} · ${studio.name}` };
}

// /dashboard/studios/{id}/links – the studio's links as a table, "New link" in a side sheet.
// Another tenant's studio is a 404 (requireStudioPage).
export default async function LinksPage({ params }: Props) {
  const { studio, role } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("DashboardLinks.page");
  const db = await getDb();
  const [readiness, passTypes] = await Promise.all([
    loadStudioReadiness(db, studio.id),
    listPassTypes(db, studio.id),
  ]);
  return (
    <section aria-labelledby="links-heading" className="-mt-6 space-y-2">
      {/* The tab above already says where this is; the heading is for screen-reader navigation.
          Pulled up under the tabs so a laptop shows 15 rows without scrolling. */}
      <h2 id="links-heading" className="sr-only">
        {t("heading")}
      </h2>
      <LinksTable
        studioId={studio.id}
        timeZone={studio.timeZone}
        toolbar={
          <IssueSheet
            studioId={studio.id}
            timeZone={studio.timeZone}
            classMinutes={studio.classMinutes}
            defaultLocale={isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE}
            readiness={readiness}
            canManage={canManageStudio(role)}
            passTypes={passTypes}
          />
        }
      />
    </section>
  );
}
