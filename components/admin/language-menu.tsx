"use client";

import { Check, Globe } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { callApi } from "@/lib/contracts/client";
import { setDashboardLanguage } from "@/lib/contracts/dashboard";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

/**
 * The account menu's language choice: kept on the person's account (PUT /api/account/language),
 * so the dashboard speaks it on any device; "Follow my browser" clears it. Each language is
 * named in itself (a person who cannot read the current one still finds theirs).
 */
export function LanguageMenu({ chosen }: { chosen: Locale | null }) {
  const t = useTranslations("AccountMenu");
  const tLang = useTranslations("IssueLinkForm.languages");
  const locale = useLocale();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  const choose = async (next: Locale | null) => {
    setPending(true);
    setFailed(false);
    try {
      await callApi(setDashboardLanguage, { body: { locale: next } });
      router.refresh();
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <span role="status" className={failed ? "text-sm text-red-800" : "sr-only"}>
        {failed ? t("failed") : ""}
      </span>
      {/* Not modal: a modal menu hides the page with aria-hidden while its links stay focusable. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          className="focus-ring inline-flex min-h-11 items-center gap-1.5 rounded-lg px-2 text-sm font-medium"
          disabled={pending}
          aria-label={t("trigger", { language: tLang(locale as Locale) })}
        >
          <Globe aria-hidden="true" className="size-4" />
          <span className="uppercase">{locale}</span>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuLabel>{t("language")}</DropdownMenuLabel>
          {LOCALES.map((l) => (
            <DropdownMenuItem key={l} lang={l} onSelect={() => void choose(l)}>
              <Check aria-hidden="true" className={chosen === l ? "size-4" : "size-4 opacity-0"} />
              {tLang(l)}
              {chosen === l && <span className="sr-only">{t("current")}</span>}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => void choose(null)}>
            <Check aria-hidden="true" className={chosen === null ? "size-4" : "size-4 opacity-0"} />
            {t("followBrowser")}
            {chosen === null && <span className="sr-only">{t("current")}</span>}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
