import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { StudioNav, type StudioTab } from "@/components/admin/studio-nav";
import { NotConnectedBadge } from "@/components/admin/today/not-connected-badge";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { studiosConnected } from "@/lib/studios/onboarding";

type Props = { children: ReactNode; params: Promise<{ studioId: string }> };

const STAFF_TABS: readonly StudioTab[] = ["today", "links", "activity", "outbox"];
const MANAGER_TABS: readonly StudioTab[] = [
  ...STAFF_TABS,
  "settings",
  "team",
  "apiTokens",
  "webhooks",
  "staffAudit",
];

// Every page of a studio: its name and tabs. Pages check the role again themselves.
export default async function StudioLayout({ children, params }: Props) {
  const { studio, role } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("StudioPage");
  const connected = (await studiosConnected(await getDb(), [studio.id])).get(studio.id);
  return (
    <>
      <div className="space-y-3">
        <div className="space-y-1">
          <Link href="/dashboard" className="text-sm text-brand underline underline-offset-4">
            {t("back")}
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-bold">{studio.name}</h1>
            {!connected && <NotConnectedBadge />}
          </div>
        </div>
        <StudioNav studioId={studio.id} tabs={canManageStudio(role) ? MANAGER_TABS : STAFF_TABS} />
      </div>
      {children}
    </>
  );
}
