import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NewStudioForm } from "@/components/admin/new-studio-form";
import { NotConnectedBadge } from "@/components/admin/today/not-connected-badge";
import { Badge } from "@/components/ui/badge";
import { accessibleStudios } from "@/lib/auth/guards";
import { requireUser } from "@/lib/auth/session";
import { ownedOrganizations } from "@/lib/auth/owned-organizations";
import { getDb } from "@/lib/db";
import { studiosConnected } from "@/lib/studios/onboarding";
import { studioListFigures } from "@/lib/studios/today";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Dashboard"))("title") };
}

// /dashboard – the studios this person works in; owners also add studios and keep brand templates.
// Someone who works in one studio and owns none goes straight to its Today page.
export default async function DashboardPage() {
  const user = await requireUser();
  const db = await getDb();
  const [studios, owned] = await Promise.all([
    accessibleStudios(db, user.id),
    ownedOrganizations(db, user.id),
  ]);
  if (studios.length === 1 && owned.length === 0) redirect(`/dashboard/studios/${studios[0]!.id}`);
  const now = new Date();
  const [connected, figures] = await Promise.all([
    studiosConnected(
      db,
      studios.map((s) => s.id),
    ),
    studioListFigures(db, studios, now),
  ]);
  const t = await getTranslations("Dashboard");
  const tList = await getTranslations("StudioList");
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
            {studios.map((studio) => {
              const f = figures.get(studio.id);
              return (
                <li key={studio.id}>
                  <Link
                    href={`/dashboard/studios/${studio.id}`}
                    data-testid="studio-card"
                    className="flex min-h-20 gap-3 rounded-xl border border-ink/15 p-4 hover:border-brand"
                  >
                    {/* The studio's own colour, so a franchise tells its studios apart at a glance. */}
                    <span
                      aria-hidden="true"
                      className="w-2 shrink-0 self-stretch rounded-full"
                      style={{ backgroundColor: studio.primaryColor }}
                    />
                    <span className="flex flex-1 flex-col gap-1">
                      <span className="flex flex-wrap items-center gap-2 font-semibold">
                        {studio.name}
                        {connected.get(studio.id) ? (
                          <Badge tone="success">{tList("connected")}</Badge>
                        ) : (
                          <NotConnectedBadge />
                        )}
                      </span>
                      <span className="text-sm text-ink-muted">
                        {tList("figures", {
                          active: f?.activeLinks ?? 0,
                          unlocks: f?.unlocksToday ?? 0,
                        })}
                      </span>
                    </span>
                  </Link>
                </li>
              );
            })}
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
