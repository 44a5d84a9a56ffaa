import type { Metadata } from "next";
import Link from "next/link";

import { getTranslations } from "next-intl/server";
import { BulkIssue } from "@/components/admin/bulk-issue";
import { PageSection } from "@/components/ui/page-section";
import { isStudioStaff } from "@/lib/auth/permissions";
import { requireStudioPageRole } from "@/lib/auth/session";
import { isUuid } from "@/lib/schemas/ids";

type Props = {
  params: Promise<{ studioId: string }>;
  searchParams: Promise<{ batch?: string | string[] }>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("BulkPage");
  return { title: t("title") };
}

// /dashboard/studios/{id}/links/bulk[?batch=…] – issue links from a CSV and follow the batch.
export default async function BulkIssuePage({ params, searchParams }: Props) {
  const { studio } = await requireStudioPageRole((await params).studioId, isStudioStaff);
  const t = await getTranslations("BulkPage");
  const batch = (await searchParams).batch;
  return (
    <>
      <p>
        <Link
          href={`/dashboard/studios/${studio.id}`}
          className="text-sm text-brand underline underline-offset-4"
        >
          {t("back")}
        </Link>
      </p>
      <PageSection id="bulk" title={t("heading")} intro={t("intro")}>
        <BulkIssue
          studioId={studio.id}
          timeZone={studio.timeZone}
          initialBatchId={typeof batch === "string" && isUuid(batch) ? batch : null}
        />
      </PageSection>
    </>
  );
}
