"use client";

import { createTranslator } from "next-intl";
import { useEffect, useState } from "react";
import { inter } from "./fonts";
import "./globals.css";
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";

type Texts = { title: string; description: string; retry: string; lang: Locale };

/**
 * Shown when the root layout itself fails, so it has no next-intl provider and must render its
 * own <html>. The visitor's catalogue is loaded only now, as its own chunk, so no page pays for
 * it up front; the message is fixed, never the error's text (SECURITY.md I-2).
 */
export default function GlobalError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const [texts, setTexts] = useState<Texts | null>(null);
  useEffect(() => {
    const locale = negotiateLocale(navigator.languages.join(","));
    void import(`@/lib/i18n/messages/${locale}.json`).then(({ default: messages }) => {
      const t = createTranslator({ locale, messages, namespace: "ErrorPage" });
      setTexts({
        title: t("title"),
        description: t("description"),
        retry: t("retry"),
        lang: locale,
      });
    });
  }, []);
  return (
    <html lang={texts?.lang ?? "en"} className={inter.variable}>
      <body className="min-h-dvh font-sans antialiased">
        <main
          aria-busy={texts === null}
          className="mx-auto flex max-w-xl flex-col items-center gap-4 px-6 py-24 text-center"
        >
          {texts && (
            <>
              <h1 className="text-3xl font-bold">{texts.title}</h1>
              <p className="text-ink-muted">{texts.description}</p>
              <button
                type="button"
                onClick={reset}
                className="min-h-12 rounded-lg bg-brand px-6 font-semibold text-brand-contrast"
              >
                {texts.retry}
              </button>
            </>
          )}
        </main>
      </body>
    </html>
  );
}
