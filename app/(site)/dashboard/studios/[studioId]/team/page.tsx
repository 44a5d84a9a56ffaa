import type { Metadata } from "next";

import { getTranslations } from "next-intl/server";
import { TeamInviteForm } from "@/components/admin/team-invite-form";
import { TeamList } from "@/components/admin/team-list";
import { PageSection } from "@/components/ui/page-section";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("TeamPage");
  return { title: t("metaTitle", { studio: studio.name }) };
}

// /dashboard/studios/{id}/team – owners and managers invite and manage the studio's staff.
// Front desk get the same 404 as a studio they have no part in.
export default async function TeamPage({ params }: Props) {
  const { studio } = await requireStudioPageRole((await params).studioId, canManageStudio);
  const t = await getTranslations("TeamPage");
  return (
    <>
      <PageSection
        id="invite"
        title={t("inviteHeading")}
        intro={t("inviteIntro", { studio: studio.name })}
      >
        <TeamInviteForm studioId={studio.id} />
      </PageSection>
      <TeamList studioId={studio.id} timeZone={studio.timeZone} />
    </>
  );
}
