import { asc, inArray } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BrandTemplatesManager } from "@/components/admin/brand-templates-manager";
import { requireUser } from "@/lib/auth/session";
import { ownedOrganizations } from "@/lib/auth/owned-organizations";
import { listBrandTemplates } from "@/lib/brand-templates/templates";
import { getDb } from "@/lib/db";
import { studios } from "@/lib/db/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("BrandTemplates"))("metaTitle") };
}

// /dashboard/brand-templates – owners only: keep branding once, copy it onto studios.
export default async function BrandTemplatesPage() {
  const user = await requireUser();
  const db = await getDb();
  const organizations = await ownedOrganizations(db, user.id);
  // Managers and front desk have no franchise scope: the same 404 as a page that does not exist.
  if (organizations.length === 0) notFound();
  const ids = organizations.map((o) => o.id);
  const [templates, studioRows] = await Promise.all([
    listBrandTemplates(db, ids),
    db
      .select({ id: studios.id, name: studios.name, organizationId: studios.organizationId })
      .from(studios)
      .where(inArray(studios.organizationId, ids))
      .orderBy(asc(studios.name)),
  ]);
  const t = await getTranslations("BrandTemplates");
  return (
    <>
      <div className="space-y-1">
        <Link href="/dashboard" className="text-sm text-brand underline underline-offset-4">
          {t("back")}
        </Link>
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-ink-muted">{t("intro")}</p>
      </div>
      <BrandTemplatesManager
        initialTemplates={templates}
        studios={studioRows}
        organizations={organizations}
      />
    </>
  );
}
