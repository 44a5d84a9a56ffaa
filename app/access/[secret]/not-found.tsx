import { getTranslations } from "next-intl/server";

/**
 * An unknown, malformed or truncated link (links are long; copying often cuts them). It reveals
 * nothing about which links exist — every such token gets exactly this page — but says what to
 * do next, in the visitor's language.
 */
export default async function AccessNotFound() {
  const t = await getTranslations("GuestNotFound");
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col gap-4 px-5 py-12">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-lg">{t("body")}</p>
      <ol className="list-decimal space-y-2 pl-6 text-lg">
        <li>{t("stepEmail")}</li>
        <li>{t("stepStudio")}</li>
      </ol>
      <p className="text-ink-muted">{t("tip")}</p>
    </main>
  );
}
