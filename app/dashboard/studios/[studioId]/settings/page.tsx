import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BrandingSettings } from "@/components/admin/settings/branding-settings";
import { GeneralSettingsForm } from "@/components/admin/settings/general-settings-form";
import { GeofenceSettings } from "@/components/admin/settings/geofence-settings";
import { KisiSettings } from "@/components/admin/settings/kisi-settings";
import { canChangeKisiConnection, canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { studioSettingsView } from "@/lib/studios/settings";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio, role } = await requireStudioPage((await params).studioId);
  if (!canManageStudio(role)) notFound();
  const t = await getTranslations("SettingsPage");
  return { title: t("title", { studio: studio.name }) };
}

// /dashboard/studios/{id}/settings – owners and managers run the studio: general settings,
// branding, the Kisi connection and the geofence. Front desk gets the same 404 as a stranger.
export default async function StudioSettingsPage({ params }: Props) {
  const { studio, role } = await requireStudioPageRole((await params).studioId, canManageStudio);
  const view = await studioSettingsView(await getDb(), studio);
  return (
    <>
      <GeneralSettingsForm initial={view} />
      <BrandingSettings initial={view} />
      <KisiSettings initial={view} canChange={canChangeKisiConnection(role)} />
      <GeofenceSettings initial={view} />
    </>
  );
}
