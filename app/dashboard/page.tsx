import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewStudioForm } from "@/components/admin/new-studio-form";
import { accessibleStudios } from "@/lib/auth/guards";
import { requireUser } from "@/lib/auth/session";
import { ownedOrganizations } from "@/lib/auth/owned-organizations";
import { getDb } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Dashboard"))("title") };
}

// /dashboard – the studios this person works in; owners also add studios and keep brand templates.
export default async function DashboardPage() {
  const user = await requireUser();
  const db = await getDb();
  const [studios, owned] = await Promise.all([
    accessibleStudios(db, user.id),
    ownedOrganizations(db, user.id),
  ]);
  const t = await getTranslations("Dashboard");
  const tNew = await getTranslations("NewStudioForm");
  const tBrand = await getTranslations("BrandTemplates");
  return (
    <>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <section aria-labelledby="studios-heading" className="space-y-3">
        <h2 id="studios-heading" className="text-xl font-semibold">
          {t("studiosHeading")}
        </h2>
        {studios.length === 0 ? (
          <p>{t("noStudios")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {studios.map((studio) => (
              <li key={studio.id}>
                <Link
                  href={`/dashboard/studios/${studio.id}`}
                  className="flex min-h-16 items-center rounded-xl border border-ink/15 px-4 font-semibold hover:border-brand"
                >
                  {studio.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {owned.length > 0 && (
        <>
          <section aria-labelledby="new-studio-heading" className="space-y-3">
            <h2 id="new-studio-heading" className="text-xl font-semibold">
              {tNew("heading")}
            </h2>
            <NewStudioForm
              timeZones={["UTC", ...Intl.supportedValuesOf("timeZone")]}
              organizations={owned}
            />
          </section>
          <section aria-labelledby="brand-heading" className="space-y-3">
            <h2 id="brand-heading" className="text-xl font-semibold">
              {tBrand("title")}
            </h2>
            <p className="text-ink-muted">{tBrand("intro")}</p>
            <Link
              href="/dashboard/brand-templates"
              className="inline-flex min-h-11 items-center rounded-lg border border-ink/30 px-4 font-medium"
            >
              {tBrand("manage")}
            </Link>
          </section>
        </>
      )}
    </>
  );
}
