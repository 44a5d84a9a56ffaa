"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { clsx } from "clsx";

export type StudioTab =
  | "today"
  | "links"
  | "activity"
  | "outbox"
  | "settings"
  | "team"
  | "apiTokens"
  | "webhooks"
  | "staffAudit";

const SEGMENTS: Record<StudioTab, string> = {
  today: "",
  links: "/links",
  activity: "/activity",
  outbox: "/outbox",
  settings: "/settings",
  team: "/team",
  apiTokens: "/api-tokens",
  webhooks: "/webhooks",
  staffAudit: "/staff-audit",
};

/**
 * The tabs of a studio's pages. Which tabs a role sees is decided on the server (the layout);
 * each page checks the role again, so a hidden tab is never the only protection.
 */
export function StudioNav({ studioId, tabs }: { studioId: string; tabs: readonly StudioTab[] }) {
  const t = useTranslations("StudioNav");
  const pathname = usePathname();
  const base = `/dashboard/studios/${studioId}`;
  return (
    <nav aria-label={t("label")} className="-mx-5 overflow-x-auto px-5">
      <ul className="flex min-w-max gap-1 border-b border-ink/15">
        {tabs.map((tab) => {
          const href = `${base}${SEGMENTS[tab]}`;
          // A tab is current on its page and below it (/links/*); the studio's root only on itself.
          const current =
            pathname === href || (SEGMENTS[tab] !== "" && pathname.startsWith(`${href}/`));
          return (
            <li key={tab}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium",
                  current
                    ? "border-brand text-brand"
                    : "border-transparent text-ink-muted hover:text-ink",
                )}
              >
                {t(tab)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
