"use client";

import { CircleUserRound, LogOut, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { authClient } from "@/components/api/auth-client";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { callApi } from "@/lib/contracts/client";
import { setDashboardLanguage } from "@/lib/contracts/dashboard";
import { isLocale, LOCALES, type Locale } from "@/lib/i18n/locales";

const FOLLOW_BROWSER = "browser";

/**
 * The one account menu of the dashboard's header: who is signed in, the account and security
 * page, the dashboard language and sign-out. The language is kept on the person's account
 * (PUT /api/account/language), so the dashboard speaks it on any device; "Follow my browser"
 * clears it. Each language is named in itself, so a person who cannot read the current one still
 * finds theirs.
 */
export function AccountMenu({ email, chosen }: { email: string; chosen: Locale | null }) {
  const t = useTranslations("AccountMenu");
  const tLang = useTranslations("Languages");
  const tDashboard = useTranslations("Dashboard");
  const tAccount = useTranslations("AccountPage");
  const locale = useLocale();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  const choose = async (value: string) => {
    const next = isLocale(value) ? value : null;
    if (next === chosen) return;
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

  const signOut = async () => {
    await authClient.signOut();
    router.push("/sign-in");
    router.refresh();
  };

  return (
    <>
      <span role="status" className={failed ? "text-sm text-red-800" : "sr-only"}>
        {failed ? t("failed") : ""}
      </span>
      {/* Not modal: a modal menu hides the page with aria-hidden while its links stay focusable. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          className="focus-ring inline-flex min-h-11 max-w-64 items-center gap-2 rounded-lg border border-ink/20 px-3 text-sm font-medium data-[state=open]:bg-ink/5"
          disabled={pending}
        >
          <CircleUserRound aria-hidden="true" className="size-5 shrink-0" />
          <span className="sr-only">{t("menu")}: </span>
          {/* On a phone the address is for screen readers only; the icon and the language stay. */}
          <span className="sr-only truncate sm:not-sr-only">{email}</span>
          <span className="text-xs text-ink-muted uppercase" aria-hidden="true">
            {locale}
          </span>
        </DropdownMenuTrigger>
        <DropdownMenuContent className="w-64">
          <DropdownMenuLabel className="text-sm font-normal break-all">
            {tDashboard("signedInAs", { email })}
          </DropdownMenuLabel>
          <DropdownMenuItem asChild>
            <Link href="/dashboard/account">
              <ShieldCheck aria-hidden="true" className="size-4" />
              {tAccount("navLink")}
            </Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>{t("language")}</DropdownMenuLabel>
          <DropdownMenuRadioGroup
            value={chosen ?? FOLLOW_BROWSER}
            onValueChange={(value) => void choose(value)}
          >
            {LOCALES.map((l) => (
              <DropdownMenuRadioItem key={l} value={l} lang={l}>
                {tLang(l)}
              </DropdownMenuRadioItem>
            ))}
            <DropdownMenuRadioItem value={FOLLOW_BROWSER}>
              {t("followBrowser")}
            </DropdownMenuRadioItem>
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => void signOut()}>
            <LogOut aria-hidden="true" className="size-4" />
            {tDashboard("signOut")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
