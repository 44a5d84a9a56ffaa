import type { Metadata } from "next";

import { getTranslations } from "next-intl/server";
import { WebhooksManager } from "@/components/admin/webhooks/webhooks-manager";
import { PageSection } from "@/components/ui/page-section";
import { canManageStudio } from "@/lib/auth/permissions";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("WebhooksPage");
  return { title: `${t("title")} · ${studio.name}` };
}

// /dashboard/studios/{id}/webhooks – managers point the studio's events at their booking system.
// Front desk gets the same 404 as a studio that does not exist (the API refuses them too).
export default async function WebhooksPage({ params }: Props) {
  const { studio } = await requireStudioPageRole((await params).studioId, canManageStudio);
  const t = await getTranslations("WebhooksPage");
  return (
    <PageSection id="webhooks" title={t("title")}>
      <p className="max-w-prose text-ink-muted">{t("intro")}</p>
      <WebhooksManager studioId={studio.id} timeZone={studio.timeZone} />
    </PageSection>
  );
}
