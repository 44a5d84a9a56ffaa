import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccessRulesSettings } from "@/components/admin/settings/access-rules-settings";
import { AuditRetentionSettings } from "@/components/admin/settings/audit-retention-settings";
import { BrandingSettings } from "@/components/admin/settings/branding-settings";
import { GeneralSettingsForm } from "@/components/admin/settings/general-settings-form";
import { DoorsSettings, GeofenceSettings } from "@/components/admin/settings/geofence-settings";
import { KisiSettings } from "@/components/admin/settings/kisi-settings";
import { PassTypesSettings } from "@/components/admin/settings/pass-types-settings";
import { SettingsTabs } from "@/components/admin/settings/settings-tabs";
import { listPassTypes, studioRulesView } from "@/lib/access-rules/pass-types";
import { getAuditRetention } from "@/lib/audit/retention";
import { canChangeKisiConnection, canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { studioSettingsView } from "@/lib/studios/settings";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio, role } = await requireStudioPage((await params).studioId);
  if (!canManageStudio(role)) notFound();
  const t = await getTranslations("SettingsPage");
  return { title: t("title", { studio: studio.name }) };
}

// /dashboard/studios/{id}/settings – owners and managers run the studio, one tab at a time
// (?section=): general settings with how long the audit is kept (owners choose), branding, the
// Kisi connection, the geofence, the doors, the access rules (opening hours, visit length, pass
// types).
// Front desk gets the same 404 as a stranger.
export default async function StudioSettingsPage({ params }: Props) {
  const { studio, role } = await requireStudioPageRole((await params).studioId, canManageStudio);
  const db = await getDb();
  const [view, retention, passTypes] = await Promise.all([
    studioSettingsView(db, studio),
    getAuditRetention(db, studio.organizationId),
    listPassTypes(db, studio.id),
  ]);
  const t = await getTranslations("SettingsSections");
  const tRules = await getTranslations("AccessRulesUi");
  return (
    <SettingsTabs
      label={t("label")}
      sections={[
        {
          id: "general",
          title: t("tabs.general"),
          panel: (
            <div className="space-y-8">
              <GeneralSettingsForm initial={view} />
              <AuditRetentionSettings
                studioId={studio.id}
                months={retention}
                canChange={role === "owner"}
              />
            </div>
          ),
        },
        { id: "branding", title: t("tabs.branding"), panel: <BrandingSettings initial={view} /> },
        {
          id: "kisi",
          title: t("tabs.kisi"),
          panel: <KisiSettings initial={view} canChange={canChangeKisiConnection(role)} />,
        },
        {
          id: "geofence",
          title: t("tabs.geofence"),
          panel: <GeofenceSettings initial={view} mapStyleUrl={getConfig().mapStyleUrl} />,
        },
        { id: "doors", title: t("tabs.doors"), panel: <DoorsSettings initial={view} /> },
        {
          id: "rules",
          title: tRules("tab"),
          panel: (
            <div className="space-y-8">
              <AccessRulesSettings
                studioId={studio.id}
                initial={studioRulesView(studio)}
                classMinutes={studio.classMinutes}
              />
              <PassTypesSettings
                studioId={studio.id}
                timeZone={studio.timeZone}
                initial={passTypes}
              />
            </div>
          ),
        },
      ]}
    />
  );
}
