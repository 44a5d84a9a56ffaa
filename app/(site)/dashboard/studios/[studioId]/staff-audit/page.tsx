import type { Metadata } from "next";

import { getTranslations } from "next-intl/server";
import { StaffAuditList } from "@/components/admin/staff-audit-list";
import { PageSection } from "@/components/ui/page-section";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { staffAuditActors } from "@/lib/staff-audit/list";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("StaffAudit");
  return { title: `${t("title")} · ${studio.name}` };
}

// /dashboard/studios/{id}/staff-audit – who changed what in the studio (owners also see the
// organization's brand templates). Owners and managers; front desk gets the studio's 404.
export default async function StaffAuditPage({ params }: Props) {
  const { studio, role } = await requireStudioPageRole((await params).studioId, canManageStudio);
  const t = await getTranslations("StaffAudit");
  const actors = await staffAuditActors(await getDb(), {
    studio,
    includeOrganization: role === "owner",
  });
  return (
    <PageSection id="staff-audit" title={t("title")} intro={t("intro")}>
      <StaffAuditList studioId={studio.id} timeZone={studio.timeZone} actors={actors} />
    </PageSection>
  );
}
