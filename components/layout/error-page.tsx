"use client";

import { useTranslations } from "next-intl";

// The error boundary of every part of the app (each root has an error.tsx that shows this): a
// fixed message, never the error's text (SECURITY.md I-2).
export function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("ErrorPage");
  return (
    <main className="mx-auto flex max-w-xl flex-col items-center gap-4 px-6 py-24 text-center">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-ink-muted">{t("description")}</p>
      <button
        type="button"
        onClick={reset}
        className="min-h-12 rounded-lg bg-brand px-6 font-semibold text-brand-contrast"
      >
        {t("retry")}
      </button>
    </main>
  );
}
