import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { accessibleStudios } from "@/lib/auth/guards";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Dashboard"))("title") };
}

// /dashboard – the studios this person works in.
export default async function DashboardPage() {
  const user = await requireUser();
  const studios = await accessibleStudios(await getDb(), user.id);
  const t = await getTranslations("Dashboard");
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
    </>
  );
}
