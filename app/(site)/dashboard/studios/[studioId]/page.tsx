import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { TodayView } from "@/components/admin/today/today-view";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { isLocale } from "@/lib/i18n/locales";
import { studioToday } from "@/lib/studios/today";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("Today");
  return { title: t("title", { studio: studio.name }) };
}

// /dashboard/studios/{id} – "Today": the studio's day at a glance, and its onboarding until it
// can open doors. Links live at /links. Another tenant's studio is a 404.
export default async function StudioTodayPage({ params }: Props) {
  const { studio, role, user } = await requireStudioPage((await params).studioId);
  const locale = await getLocale();
  const today = await studioToday(
    await getDb(),
    studio,
    new Date(),
    isLocale(locale) ? locale : undefined,
  );
  return (
    <TodayView
      studioId={studio.id}
      today={today}
      canManage={canManageStudio(role)}
      email={user.email}
    />
  );
}
