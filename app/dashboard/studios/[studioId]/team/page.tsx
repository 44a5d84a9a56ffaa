import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TeamInviteForm } from "@/components/admin/team-invite-form";
import { TeamList } from "@/components/admin/team-list";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("TeamPage");
  return { title: t("metaTitle", { studio: studio.name }) };
}

// /dashboard/studios/{id}/team – owners and managers invite and manage the studio's staff.
// Front desk get the same 404 as a studio they have no part in.
export default async function TeamPage({ params }: Props) {
  const { studio, role } = await requireStudioPage((await params).studioId);
  if (!canManageStudio(role)) notFound();
  const t = await getTranslations("TeamPage");
  return (
    <>
      <section aria-labelledby="invite-heading" className="space-y-3">
        <h2 id="invite-heading" className="text-xl font-semibold">
          {t("inviteHeading")}
        </h2>
        <p className="text-ink-muted">{t("inviteIntro", { studio: studio.name })}</p>
        <TeamInviteForm studioId={studio.id} />
      </section>
      <TeamList studioId={studio.id} timeZone={studio.timeZone} />
    </>
  );
}
