import { and, desc, eq } from "drizzle-orm";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { LinkDetailActions } from "@/components/admin/link-detail-actions";
import { UnlockAuditList } from "@/components/admin/unlock-audit-list";
import { isApiError } from "@/lib/api/errors";
import { getConfig } from "@/lib/config";
import { keyAvailable } from "@/lib/crypto/encryption";
import { PageSection } from "@/components/ui/page-section";
import { getDb } from "@/lib/db";
import { apiTokens, emailOutbox, user } from "@/lib/db/schema";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { listState } from "@/lib/links/action-guard";
import { StateBadge } from "@/components/admin/links/link-badges";
import { isStudioStaff } from "@/lib/auth/permissions";
import { requireStudioPageRole } from "@/lib/auth/session";
import { isUuid } from "@/lib/schemas/ids";
import { apiTokenIdOfActor } from "@/lib/api-tokens/service";

type Props = { params: Promise<{ studioId: string; linkId: string }> };

/** The link, or the same 404 as a studio or link that does not exist (another tenant's too). */
async function load(params: Props["params"]) {
  const { studioId, linkId } = await params;
  const page = await requireStudioPageRole(studioId, isStudioStaff);
  const db = await getDb();
  const link = await findStudioLinkOrThrow(db, page.studio.id, linkId).catch((error: unknown) => {
    if (isApiError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return { ...page, db, link };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { link } = await load(params);
  const t = await getTranslations("LinkDetailPage");
  return { title: t("title", { name: link.guestName }) };
}

// /dashboard/studios/{id}/links/{linkId} – one link: guest, window, state, emails, Kisi, actions
// and its unlock attempts. The URL itself is fetched only when staff copy it or show its QR.
export default async function LinkDetailPage({ params }: Props) {
  const { studio, db, link } = await load(params);
  const t = await getTranslations("LinkDetailPage");
  const td = await getTranslations("DashboardLinks.detail");
  const tl = await getTranslations("LinkListing");
  const format = await getFormatter();
  const locale = await getLocale();
  const tokenId = apiTokenIdOfActor(link.createdBy);
  const [emails, issuer, token] = await Promise.all([
    db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.linkId, link.id))
      .orderBy(desc(emailOutbox.createdAt)),
    link.createdBy && !tokenId
      ? db
          .select({ name: user.name, email: user.email })
          .from(user)
          .where(eq(user.id, link.createdBy))
          .then((rows) => rows[0] ?? null)
      : null,
    tokenId && isUuid(tokenId)
      ? db
          .select({ name: apiTokens.name })
          .from(apiTokens)
          .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.studioId, studio.id)))
          .then((rows) => rows[0] ?? null)
      : null,
  ]);
  const when = (d: Date) =>
    format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: studio.timeZone });
  const state = listState(link, new Date());
  // What Kisi holds for this link: for whoever debugs it with Kisi's support, folded away.
  const kisi = link.kisiGoneAt
    ? t("kisiState.goneInKisi", { when: when(link.kisiGoneAt) })
    : link.status === "revoked"
      ? link.kisiDeletedAt || !link.kisiGroupLinkId
        ? t("kisiState.deleted")
        : t("kisiState.deleteOwed")
      : link.status === "issued"
        ? t("kisiState.issued", { id: String(link.kisiGroupLinkId ?? "") })
        : link.status === "kisi_failed"
          ? t("kisiState.failed")
          : link.status === "kisi_unknown"
            ? t("kisiState.unknown")
            : t("kisiState.creating");
  const issuedBy = tokenId
    ? token
      ? td("byToken", { name: token.name })
      : td("byDeletedToken")
    : issuer
      ? `${issuer.name} (${issuer.email})`
      : link.createdBy
        ? td("byRemovedUser")
        : td("bySystem");
  const readable = keyAvailable(link.tokenCiphertext, getConfig().encryption);
  const rows: [string, ReactNode][] = [
    [t("guest"), link.guestName],
    [t("email"), link.guestEmail ?? t("noEmailAddress")],
    [t("language"), new Intl.DisplayNames([locale], { type: "language" }).of(link.locale)],
    [
      t("window"),
      t("windowValue", {
        from: when(link.validFrom),
        until: when(link.validUntil),
        timeZone: studio.timeZone,
      }),
    ],
    [t("state"), <StateBadge key="state" state={state} />],
    [t("issuedAt"), when(link.createdAt)],
    [t("issuedBy"), issuedBy],
  ];
  // The booking system's reference, when one was given (the API, a CSV row or the issue form).
  if (link.externalRef) rows.push([td("externalRef"), link.externalRef]);
  // Sealed with a key no longer configured: say so instead of failing on copy or QR code.
  if (!readable) rows.push([tl("linkLabel"), `${tl("unreadable")}. ${tl("unreadableHint")}`]);
  const technical: [string, string][] = [
    [td("kisiState"), kisi],
    [td("linkId"), link.id],
    ...(link.kisiGroupLinkId
      ? ([[td("kisiLinkId"), String(link.kisiGroupLinkId)]] as [string, string][])
      : []),
    ...(link.kisiGroupId
      ? ([[td("kisiGroupId"), String(link.kisiGroupId)]] as [string, string][])
      : []),
    ...(tokenId ? ([[td("tokenId"), tokenId]] as [string, string][]) : []),
  ];

  return (
    <>
      <p>
        <Link
          href={`/dashboard/studios/${studio.id}/links`}
          className="inline-flex min-h-11 items-center text-sm text-brand underline underline-offset-4"
        >
          {t("back")}
        </Link>
      </p>
      <PageSection id="link" title={t("title", { name: link.guestName })}>
        <dl className="grid gap-x-6 gap-y-2 rounded-xl border border-ink/15 p-4 sm:grid-cols-[max-content_1fr]">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <details className="rounded-xl border border-ink/15 p-4 text-sm">
          <summary className="min-h-11 cursor-pointer content-center font-medium">
            {td("technical")}
          </summary>
          <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            {technical.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="font-medium">{term}</dt>
                <dd className="font-mono break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      </PageSection>
      <PageSection id="actions" title={t("actions")}>
        <LinkDetailActions
          studioId={studio.id}
          linkId={link.id}
          guestName={link.guestName}
          state={state}
          hasEmail={Boolean(link.guestEmail)}
          readable={readable}
          validUntil={link.validUntil.toISOString()}
        />
      </PageSection>
      <PageSection id="emails" title={t("emailHistory")}>
        {emails.length === 0 ? (
          <p>{t("emailNone")}</p>
        ) : (
          <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
            {emails.map((e) => (
              <li key={e.id} className="p-4 text-sm">
                {t("emailRow", {
                  status: t(`emailStatus.${e.status}`),
                  recipient: e.recipient,
                  attempts: e.attempts,
                  at: when(e.sentAt ?? e.createdAt),
                })}
              </li>
            ))}
          </ul>
        )}
      </PageSection>
      <PageSection id="audit" title={t("auditHeading")}>
        <UnlockAuditList studioId={studio.id} linkId={link.id} timeZone={studio.timeZone} />
      </PageSection>
    </>
  );
}
