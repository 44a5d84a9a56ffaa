import { getTranslations } from "next-intl/server";

/** "Page not found" for the site: a dashboard page's notFound() and any URL that matches no route. */
export async function NotFoundPage() {
  const t = await getTranslations("NotFoundPage");
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 px-6 py-24 text-center">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-ink-muted">{t("description")}</p>
    </main>
  );
}
