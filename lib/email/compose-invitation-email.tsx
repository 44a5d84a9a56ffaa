import "server-only";
import { render } from "@react-email/render";
import { eq } from "drizzle-orm";
import { staffInvitations, studios, user } from "@/lib/db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { brandPalette } from "@/lib/brand/contrast";
import { invitationUrl, openInvitationToken } from "@/lib/team/invitation-token";
import { addressOf, type ComposeDeps, type ComposedEmail } from "./compose-access-email";
import { StaffInvitationEmail } from "./templates/staff-invitation-email";

/**
 * A staff invitation email for one outbox row, in the studio's branding and the invitee's
 * language. The token comes sealed in the outbox row (the invitation keeps only its hash).
 */
export async function composeInvitationEmail(
  deps: ComposeDeps,
  outbox: {
    id: string;
    invitationId: string;
    tokenCiphertext: string | null;
    recipient: string;
    locale: string;
  },
): Promise<ComposedEmail> {
  const [row] = await deps.db
    .select({ invitation: staffInvitations, studio: studios, inviter: user.name })
    .from(staffInvitations)
    .innerJoin(studios, eq(studios.id, staffInvitations.studioId))
    .leftJoin(user, eq(user.id, staffInvitations.invitedBy))
    .where(eq(staffInvitations.id, outbox.invitationId));
  if (!row) throw new Error("the invitation of this email no longer exists");
  if (!outbox.tokenCiphertext) throw new Error("this invitation email has no token left");
  const { invitation, studio } = row;
  const locale: Locale = isLocale(outbox.locale) ? outbox.locale : DEFAULT_LOCALE;
  const t = await translator(locale, "TeamInvitationEmail");
  const roles = await translator(locale, "TeamRoles");

  const url = invitationUrl(
    deps.appOrigin,
    openInvitationToken(outbox.id, outbox.tokenCiphertext, deps.keyring),
  );
  const expires = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: studio.timeZone,
  }).format(invitation.expiresAt);
  const role = roles(invitation.role);
  const email = (
    <StaffInvitationEmail
      locale={locale}
      studioName={studio.name}
      logoUrl={studio.logoPath ? `${deps.appOrigin}${studio.logoPath}` : null}
      palette={brandPalette(studio.primaryColor, studio.accentColor)}
      url={url}
      text={{
        preview: t("preview", { studio: studio.name }),
        heading: t("heading", { studio: studio.name }),
        intro: row.inviter
          ? t("intro", { inviter: row.inviter, studio: studio.name, role })
          : t("introAnonymous", { studio: studio.name, role }),
        button: t("button"),
        expires: t("expires", { date: expires }),
        fallback: t("fallback"),
        ignore: t("ignore"),
      }}
    />
  );
  const host = new URL(deps.appOrigin).hostname;
  return {
    to: outbox.recipient,
    from: { name: studio.senderName ?? studio.name, address: addressOf(deps.fromAddress) },
    replyTo: studio.replyTo ?? studio.supportEmail ?? undefined,
    subject: t("subject", { studio: studio.name }),
    html: await render(email),
    text: await render(email, {
      plainText: true,
      htmlToTextOptions: { selectors: [{ selector: "h1", options: { uppercase: false } }] },
    }),
    messageId: `<outbox-${outbox.id}@${host}>`,
  };
}
