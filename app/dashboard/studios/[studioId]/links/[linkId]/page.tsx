import { desc, eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LinkDetailActions } from "@/components/admin/link-detail-actions";
import { UnlockAuditList } from "@/components/admin/unlock-audit-list";
import { isApiError } from "@/lib/api/errors";
import { PageSection } from "@/components/ui/page-section";
import { getDb } from "@/lib/db";
import { emailOutbox, user } from "@/lib/db/schema";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { linkState } from "@/lib/links/state";
import { isStudioStaff } from "@/lib/auth/permissions";
import { requireStudioPageRole } from "@/lib/auth/session";

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
  const format = await getFormatter();
  const [emails, issuer] = await Promise.all([
    db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.linkId, link.id))
      .orderBy(desc(emailOutbox.createdAt)),
    link.createdBy
      ? db
          .select({ name: user.name, email: user.email })
          .from(user)
          .where(eq(user.id, link.createdBy))
          .then((rows) => rows[0] ?? null)
      : null,
  ]);
  const when = (d: Date) =>
    format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: studio.timeZone });
  const raw = linkState(link, new Date());
  const state = raw === "unavailable" ? "pending" : raw;
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
  const rows: [string, string][] = [
    [t("guest"), link.guestName],
    [t("email"), link.guestEmail ?? t("noEmailAddress")],
    [t("language"), link.locale],
    [
      t("window"),
      t("windowValue", {
        from: when(link.validFrom),
        until: when(link.validUntil),
        timeZone: studio.timeZone,
      }),
    ],
    [t("state"), t(`states.${state}`)],
    [t("kisi"), kisi],
    [t("issuedAt"), when(link.createdAt)],
    [t("issuedBy"), issuer ? `${issuer.name} (${issuer.email})` : t("issuedByApi")],
  ];

  return (
    <>
      <p>
        <Link
          href={`/dashboard/studios/${studio.id}`}
          className="text-sm text-brand underline underline-offset-4"
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
      </PageSection>
      <PageSection id="actions" title={t("actions")}>
        <LinkDetailActions
          studioId={studio.id}
          linkId={link.id}
          guestName={link.guestName}
          state={state}
          hasEmail={Boolean(link.guestEmail)}
          validUntil={link.validUntil.toISOString()}
          timeZone={studio.timeZone}
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
