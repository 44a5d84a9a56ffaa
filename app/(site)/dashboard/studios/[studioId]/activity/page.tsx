import type { Metadata } from "next";

import { getTranslations } from "next-intl/server";
import { UnlockAuditList } from "@/components/admin/unlock-audit-list";
import { PageSection } from "@/components/ui/page-section";
import { isStudioStaff } from "@/lib/auth/permissions";
import { requireStudioPageRole } from "@/lib/auth/session";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ActivityPage");
  return { title: t("title") };
}

// /dashboard/studios/{id}/activity – the studio's recent unlock attempts across its links.
export default async function ActivityPage({ params }: Props) {
  const { studio } = await requireStudioPageRole((await params).studioId, isStudioStaff);
  const t = await getTranslations("ActivityPage");
  return (
    <PageSection id="activity" title={t("heading")} intro={t("intro")}>
      <UnlockAuditList studioId={studio.id} timeZone={studio.timeZone} refreshMs={15_000} />
    </PageSection>
  );
}
