import type { Metadata } from "next";

import { ShieldCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { OutboxList } from "@/components/admin/outbox-list";
import { PageSection } from "@/components/ui/page-section";
import { requireStudioPage, requireStudioPageRole } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { isStudioStaff } from "@/lib/auth/permissions";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("Outbox");
  return { title: t("metaTitle", { studio: studio.name }) };
}

// /dashboard/studios/{id}/outbox – the studio's emails: delivery state, reading one, resending.
export default async function OutboxPage({ params }: Props) {
  const { studio } = await requireStudioPageRole((await params).studioId, isStudioStaff);
  const t = await getTranslations("Outbox");
  const tPrivacy = await getTranslations("EmailsPrivacy");
  const captured = getConfig().email.kind === "capture";
  return (
    <PageSection
      id="outbox"
      title={t("heading")}
      intro={captured ? t("introCaptured") : t("intro")}
    >
      <p className="flex items-start gap-2 rounded-lg bg-ink/5 p-3 text-sm">
        <ShieldCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        {tPrivacy("rule")}
      </p>
      <OutboxList studioId={studio.id} timeZone={studio.timeZone} />
    </PageSection>
  );
}
