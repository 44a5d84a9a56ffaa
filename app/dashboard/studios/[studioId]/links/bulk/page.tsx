import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BulkIssue } from "@/components/admin/bulk-issue";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";

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
  const { studio, role } = await requireStudioPage((await params).studioId);
  if (!STUDIO_STAFF.includes(role)) notFound();
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
      <section aria-labelledby="bulk-heading" className="space-y-3">
        <h2 id="bulk-heading" className="text-xl font-semibold">
          {t("heading")}
        </h2>
        <p className="text-ink-muted">{t("intro")}</p>
        <BulkIssue
          studioId={studio.id}
          timeZone={studio.timeZone}
          initialBatchId={
            typeof batch === "string" && /^[0-9a-f-]{36}$/i.test(batch) ? batch : null
          }
        />
      </section>
    </>
  );
}
