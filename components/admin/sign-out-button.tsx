"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { authClient } from "@/components/api/auth-client";

/** Ends the session on the server (the cookie is then worthless), then returns to sign-in. */
export function SignOutButton() {
  const t = useTranslations("Dashboard");
  const router = useRouter();
  return (
    <button
      type="button"
      className="min-h-11 rounded-lg border border-ink/30 px-3 font-medium"
      onClick={async () => {
        await authClient.signOut();
        router.push("/sign-in");
        router.refresh();
      }}
    >
      {t("signOut")}
    </button>
  );
}
