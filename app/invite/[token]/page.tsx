import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { AcceptInvitationForm } from "@/components/team/accept-invitation-form";
import { getSession } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { findInvitationForRequest, invitationLocale } from "@/lib/team/invitation-page";
import { accountIdForEmail } from "@/lib/team/accounts";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await invitationLocale((await params).token);
  const t = await getTranslations({ locale, namespace: "InvitePage" });
  return {
    title: t("metaTitle"),
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

/**
 * /invite/<token> – public. Shows the studio and role and lets the invitee join. Viewing changes
 * nothing (mail scanners open links); only the form's POST accepts. Unknown, expired, revoked
 * and used invitations all get the one same page.
 */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const db = await getDb();
  const found = await findInvitationForRequest(token);
  const locale = await invitationLocale(token);
  const t = await getTranslations({ locale, namespace: "InvitePage" });
  if (!found) {
    return (
      <Shell>
        <h1 className="text-3xl font-bold">{t("invalidTitle")}</h1>
        <p className="text-ink-muted">{t("invalidBody")}</p>
      </Shell>
    );
  }
  const { invitation, studio } = found;
  const roles = await getTranslations({ locale, namespace: "TeamRoles" });
  const session = await getSession(await headers());
  const accountId = await accountIdForEmail(db, invitation.email);
  return (
    <Shell>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title", { studio: studio.name })}</h1>
        <p>{t("intro", { studio: studio.name, role: roles(invitation.role) })}</p>
      </div>
      {!accountId && (
        <>
          <p className="text-ink-muted">{t("newAccountIntro", { email: invitation.email })}</p>
          <AcceptInvitationForm token={token} mode="new" studioName={studio.name} />
        </>
      )}
      {accountId && session?.user.id === accountId && (
        <AcceptInvitationForm token={token} mode="existing" studioName={studio.name} />
      )}
      {accountId && session?.user.id !== accountId && (
        <div className="space-y-3">
          <p>{t("signInFirst", { email: invitation.email })}</p>
          {session ? (
            <>
              <p className="text-ink-muted">{t("wrongAccount", { current: session.user.email })}</p>
              <SignOutButton />
            </>
          ) : (
            <Link
              href="/sign-in"
              className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-brand-contrast"
            >
              {t("signInLink")}
            </Link>
          )}
        </div>
      )}
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-6 px-6 py-12">
      <p className="text-sm font-semibold tracking-wide text-brand uppercase">Latchkey</p>
      {children}
    </main>
  );
}
