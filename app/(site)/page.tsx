import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";

// The public landing page. The product lives at /access/<token> (guests) and in the dashboard.
export default async function HomePage() {
  const t = await getTranslations("HomePage");
  const isDemo = getConfig().mode === "demo";
  const features = ["kisi", "branded", "geofence"] as const;
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-6 py-16">
      <p className="text-sm font-semibold tracking-wide text-brand uppercase">Latchkey</p>
      {isDemo && (
        <p className="w-fit rounded-full bg-accent px-3 py-1 text-sm font-medium text-accent-contrast">
          {t("demoBadge")}
        </p>
      )}
      <h1 className="text-4xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-lg text-ink-muted">{t("description")}</p>
      <ul className="list-disc space-y-2 pl-6">
        {features.map((key) => (
          <li key={key}>{t(`features.${key}`)}</li>
        ))}
      </ul>
      <p>
        <a className="text-brand underline underline-offset-4" href="/api/health">
          {t("healthLink")}
        </a>
      </p>
    </main>
  );
}
