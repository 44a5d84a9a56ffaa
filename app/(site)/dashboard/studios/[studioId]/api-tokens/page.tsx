import type { Metadata } from "next";

import { getTranslations } from "next-intl/server";
import { ApiTokensManager } from "@/components/admin/api-tokens-manager";
import { PageSection } from "@/components/ui/page-section";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("ApiTokensPage");
  return { title: `${t("title")} · ${studio.name}` };
}

// /dashboard/studios/{id}/api-tokens – managers create and revoke the studio's API tokens for
// booking systems. Front desk gets the same 404 as a studio that does not exist.
export default async function ApiTokensPage({ params }: Props) {
  const { studio } = await requireStudioPageRole((await params).studioId, canManageStudio);
  const t = await getTranslations("ApiTokensPage");
  return (
    <PageSection id="api-tokens" title={t("title")}>
      <p className="max-w-prose text-ink-muted">{t("intro")}</p>
      <ApiTokensManager
        studioId={studio.id}
        timeZone={studio.timeZone}
        apiBase={`${getConfig().appOrigin}/api/studios/${studio.id}`}
      />
    </PageSection>
  );
}
