import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnlockAuditList } from "@/components/admin/unlock-audit-list";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ActivityPage");
  return { title: t("title") };
}

// /dashboard/studios/{id}/activity – the studio's recent unlock attempts across its links.
export default async function ActivityPage({ params }: Props) {
  const { studio, role } = await requireStudioPage((await params).studioId);
  if (!STUDIO_STAFF.includes(role)) notFound();
  const t = await getTranslations("ActivityPage");
  return (
    <section aria-labelledby="activity-heading" className="space-y-3">
      <h2 id="activity-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-ink-muted">{t("intro")}</p>
      <UnlockAuditList studioId={studio.id} timeZone={studio.timeZone} refreshMs={15_000} />
    </section>
  );
}
