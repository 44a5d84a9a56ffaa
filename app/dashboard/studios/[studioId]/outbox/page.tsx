import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OutboxList } from "@/components/admin/outbox-list";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { requireStudioPage } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

type Props = { params: Promise<{ studioId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { studio } = await requireStudioPage((await params).studioId);
  const t = await getTranslations("Outbox");
  return { title: t("metaTitle", { studio: studio.name }) };
}

// /dashboard/studios/{id}/outbox – the studio's emails: delivery state, reading one, resending.
export default async function OutboxPage({ params }: Props) {
  const { studio, role } = await requireStudioPage((await params).studioId);
  if (!STUDIO_STAFF.includes(role)) notFound();
  const t = await getTranslations("Outbox");
  const captured = getConfig().email.kind === "capture";
  return (
    <section aria-labelledby="outbox-heading" className="space-y-3">
      <h2 id="outbox-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-ink-muted">{captured ? t("introCaptured") : t("intro")}</p>
      <OutboxList studioId={studio.id} timeZone={studio.timeZone} />
    </section>
  );
}
