import { and, eq, isNull } from "drizzle-orm";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountSecurity } from "@/components/admin/account-security";
import { PageSection } from "@/components/ui/page-section";
import { relyingPartyOf } from "@/lib/auth/relying-party";
import { requireUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { organizationRequiresTwoFactor } from "@/lib/auth/two-factor-policy";
import { getDb } from "@/lib/db";
import { memberships, organizations, passkey, user } from "@/lib/db/schema";

type Props = { searchParams: Promise<{ enrol?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("AccountPage");
  return { title: t("title") };
}

// /dashboard/account – the signed-in person's own security: two-factor (an authenticator app,
// backup codes), passkeys (where the public origin allows them), password, sign out everywhere; owners also decide whether their organization
// requires two-factor. Someone who must enrol is sent here before anything else.
export default async function AccountPage({ searchParams }: Props) {
  const me = await requireUser();
  const db = await getDb();
  const t = await getTranslations("AccountPage");
  const [row] = await db
    .select({ twoFactorEnabled: user.twoFactorEnabled })
    .from(user)
    .where(eq(user.id, me.id));
  const owned = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(memberships.userId, me.id),
        eq(memberships.role, "owner"),
        isNull(memberships.studioId),
      ),
    )
    .orderBy(organizations.name);
  const organizationsOwned = await Promise.all(
    owned.map(async (o) => ({
      ...o,
      requireTwoFactor: await organizationRequiresTwoFactor(db, o.id),
    })),
  );
  const passkeys = relyingPartyOf(getConfig().appOrigin)
    ? await db
        .select({ id: passkey.id, name: passkey.name, createdAt: passkey.createdAt })
        .from(passkey)
        .where(eq(passkey.userId, me.id))
        .orderBy(passkey.createdAt, passkey.id)
    : null;
  return (
    <PageSection id="account" title={t("title")}>
      <AccountSecurity
        email={me.email}
        twoFactorEnabled={row?.twoFactorEnabled ?? false}
        mustEnrol={(await searchParams).enrol === "required" && !row?.twoFactorEnabled}
        organizations={organizationsOwned}
        passkeys={
          passkeys?.map((p) => ({ ...p, createdAt: p.createdAt?.toISOString() ?? null })) ?? null
        }
      />
    </PageSection>
  );
}
