import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/admin/account-menu";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Toaster } from "@/components/ui/toaster";
import { requireUser } from "@/lib/auth/session";
import { userLocale } from "@/lib/dashboard/user-locale";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { robots: { index: false, follow: false } };

// Everything under /dashboard needs a session; each page checks its own studio role as well.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const chosenLocale = await userLocale(await getDb(), user.id);
  const links = await getTranslations("DashboardLinks");
  return (
    <ClientMessages>
      <div className="min-h-dvh">
        <header className="border-b border-ink/15">
          <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-5 py-3">
            <Link href="/dashboard" className="font-semibold text-brand">
              Latchkey
            </Link>
            <AccountMenu email={user.email} chosen={chosenLocale} />
          </div>
        </header>
        <main className="mx-auto max-w-5xl space-y-8 px-5 py-8">{children}</main>
      </div>
      {/* Where the links' actions confirm themselves ("Link revoked"), announced politely. */}
      <Toaster label={links("notifications")} />
    </ClientMessages>
  );
}
