import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/admin/sign-in-form";
import { getSession } from "@/lib/auth";
import { relyingPartyOf } from "@/lib/auth/relying-party";
import { getConfig } from "@/lib/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignInPage");
  return { title: t("title"), robots: { index: false, follow: false } };
}

// /sign-in – studio staff sign in here; the signed-in go straight to their dashboard.
export default async function SignInPage() {
  const session = await getSession(await headers());
  if (session) redirect("/dashboard");
  const t = await getTranslations("SignInPage");
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-6 px-6 py-12">
      <div className="space-y-1">
        <p className="text-sm font-semibold tracking-wide text-brand uppercase">Latchkey</p>
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-ink-muted">{t("intro")}</p>
      </div>
      <SignInForm passkeys={relyingPartyOf(getConfig().appOrigin) !== null} />
    </main>
  );
}
