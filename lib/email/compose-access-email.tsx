import "server-only";
import { render } from "@react-email/render";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { findLinkById } from "@/lib/links/find-by-token";
import { accessUrl } from "@/lib/links/issue-link";
import { openLinkToken } from "@/lib/links/secrets";
import { brandPalette } from "@/lib/brand/contrast";
import { visitCalendarEvent } from "./ics";
import { describeLinkRules, weeklyRecurrence } from "@/lib/access-rules/describe";
import type { LinkRules } from "@/lib/access-rules/schema";
import { emailDoorNames, type EmailDoorsDeps } from "./link-door-names";
import { AccessLinkEmail } from "./templates/access-link-email";

export type ComposedEmail = {
  to: string;
  from: { name: string; address: string };
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** A calendar entry (access emails); invitations have none. */
  ics?: string;
  messageId: string;
};

/** With `kisi`, access emails list the link's doors (best effort, see emailDoorNames). */
export type ComposeDeps = EmailDoorsDeps & { appOrigin: string; fromAddress: string };

/** "Name <a@b.c>" or "a@b.c" → the address part. */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

/**
 * The branded, localized access email for one outbox row: HTML, plain text and an .ics entry,
 * in the guest's language and the studio's time zone. The Message-ID is derived from the outbox
 * id, so a resent attempt of the same row is recognisably the same message (SECURITY.md K-3).
 */
export async function composeAccessEmail(
  deps: ComposeDeps,
  outbox: { id: string; linkId: string; recipient: string; locale: string },
): Promise<ComposedEmail> {
  const access = await findLinkById(deps.db, outbox.linkId);
  if (!access) throw new Error("the link of this email no longer exists");
  const { link, studio } = access;
  const locale: Locale = isLocale(outbox.locale) ? outbox.locale : DEFAULT_LOCALE;
  const t = await translator(locale, "Emails.AccessLink");

  const token = openLinkToken(link, deps.keyring);
  const url = accessUrl(deps.appOrigin, token);
  const { html, text } = await renderAccessEmail({
    locale,
    studio,
    logoUrl: studio.logoPath ? `${deps.appOrigin}${studio.logoPath}` : null,
    url,
    guestName: link.guestName,
    validFrom: link.validFrom,
    validUntil: link.validUntil,
    doorNames: await emailDoorNames(deps, access, locale),
    rules: await ruleLines(link.rules ?? null, locale, studio.timeZone),
  });
  const host = new URL(deps.appOrigin).hostname;
  return {
    to: outbox.recipient,
    from: { name: studio.senderName ?? studio.name, address: addressOf(deps.fromAddress) },
    replyTo: studio.replyTo ?? studio.supportEmail ?? undefined,
    subject: t("subject", { studio: studio.name }),
    html,
    text,
    ics: await accessCalendarEntry({
      link,
      studio,
      url,
      appOrigin: deps.appOrigin,
      locale,
      fromAddress: addressOf(deps.fromAddress),
    }),
    messageId: `<outbox-${outbox.id}@${host}>`,
  };
}

/**
 * The visit as a calendar entry, in the link's language: attached to the access email and
 * downloadable from the guest's page ("Add to calendar"). One UID per link, so adding it twice,
 * or after a window change, updates the same event.
 */
export async function accessCalendarEntry(input: {
  link: { id: string; validFrom: Date; validUntil: Date; rules?: LinkRules | null };
  studio: {
    name: string;
    timeZone?: string;
    address: string | null;
    replyTo?: string | null;
    supportEmail?: string | null;
  };
  url: string;
  appOrigin: string;
  locale: Locale;
  /** The sender's address: the organizer when the studio gives none of its own. */
  fromAddress?: string;
}): Promise<string> {
  const t = await translator(input.locale, "Emails.AccessLink");
  const { link, studio, url } = input;
  const timeZone = studio.timeZone ?? "UTC";
  const rules = await ruleLines(link.rules ?? null, input.locale, timeZone);
  return visitCalendarEvent({
    uid: `${link.id}@${new URL(input.appOrigin).hostname}`,
    title: t("calendarTitle", { studio: studio.name }),
    description: [t("calendarDescription", { url }), ...rules].join("\n"),
    weekly: weeklyRecurrence(link.rules?.weekly, timeZone, link),
    location: studio.address,
    url,
    start: link.validFrom,
    end: link.validUntil,
    organizerName: studio.name,
    organizerEmail: studio.replyTo ?? studio.supportEmail ?? input.fromAddress ?? null,
  });
}

/** A link's rules in the `Rules` catalogue's words, for the email and its calendar entry. */
async function ruleLines(rules: LinkRules | null, locale: Locale, timeZone: string) {
  if (!rules) return [];
  const t = await translator(locale, "Rules");
  return describeLinkRules(rules, locale, timeZone, (key, values) => t(key, values));
}

/** What the email shows of a studio: its saved settings, or a draft (the settings preview). */
export type EmailStudio = {
  name: string;
  timeZone: string;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
  address: string | null;
  geofenceEnabled: boolean;
};

/**
 * Renders the access email (HTML and plain text) for one guest. Shared by the outbox and the
 * settings preview, so the preview is the real email, not a look-alike.
 */
export async function renderAccessEmail(input: {
  locale: Locale;
  studio: EmailStudio;
  logoUrl: string | null;
  url: string;
  guestName: string;
  validFrom: Date;
  validUntil: Date;
  /** The doors the link opens, by display name; none → no list. */
  doorNames?: string[];
  /** The link's access rules in the guest's words (describeLinkRules). */
  rules?: string[];
}) {
  const { locale, studio, url } = input;
  const t = await translator(locale, "Emails.AccessLink");
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: studio.timeZone,
  });
  const from = when.format(input.validFrom);
  const until = when.format(input.validUntil);
  const contactLines = [studio.supportPhone, studio.supportEmail, studio.address].filter(
    (v): v is string => Boolean(v),
  );
  const email = (
    <AccessLinkEmail
      locale={locale}
      studioName={studio.name}
      logoUrl={input.logoUrl}
      palette={brandPalette(studio.primaryColor, studio.accentColor)}
      url={url}
      text={{
        preview: t("preview", { studio: studio.name }),
        greeting: t("greeting", { name: input.guestName }),
        intro: t("intro", { studio: studio.name, from, until }),
        button: t("button"),
        howTo: t("howTo"),
        doors: input.doorNames?.length ? t("doors") : null,
        doorNames: input.doorNames ?? [],
        geofence: studio.geofenceEnabled ? t("geofence") : null,
        rules: input.rules ?? [],
        fallback: t("fallback"),
        calendar: t("calendar"),
        contact: t("contact", { studio: studio.name }),
        contactLines,
        personal: t("personal"),
        footer: t("footer", { studio: studio.name }),
      }}
    />
  );
  return {
    html: await render(email),
    // html-to-text upper-cases headings by default, which reads as shouting in a text client.
    text: await render(email, {
      plainText: true,
      htmlToTextOptions: { selectors: [{ selector: "h1", options: { uppercase: false } }] },
    }),
  };
}
