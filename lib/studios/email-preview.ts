import "server-only";
import { addMinutes } from "./durations";
import { renderAccessEmail } from "@/lib/email/compose-access-email";
import type { studios } from "@/lib/db/schema";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import type { EmailPreviewBody } from "@/lib/schemas/studio-settings";

type StudioRow = typeof studios.$inferSelect;

/**
 * The real access email for a sample guest, in the studio's DRAFT branding (the settings form's
 * unsaved values). Nothing is stored. The button points at a path that is never a valid token,
 * so a preview can never open a door.
 */
export async function renderEmailPreview(
  studio: StudioRow,
  draft: EmailPreviewBody,
  appOrigin: string,
  now = new Date(),
) {
  const locale: Locale =
    draft.locale ?? (isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE);
  const t = await translator(locale, "SettingsEmailPreview");
  const pick = <T>(value: T | undefined, saved: T) => (value === undefined ? saved : value);
  const name = draft.name ?? studio.name;
  const rendered = await renderAccessEmail({
    locale,
    studio: {
      name,
      timeZone: studio.timeZone,
      primaryColor: draft.primaryColor,
      accentColor: draft.accentColor,
      supportEmail: pick(draft.supportEmail, studio.supportEmail),
      supportPhone: pick(draft.supportPhone, studio.supportPhone),
      address: pick(draft.address, studio.address),
      geofenceEnabled: studio.geofenceEnabled,
    },
    logoUrl: studio.logoPath ? `${appOrigin}${studio.logoPath}` : null,
    url: `${appOrigin}/access/preview`,
    guestName: t("sampleGuest"),
    validFrom: now,
    validUntil: addMinutes(now, studio.classMinutes),
  });
  const senderName = pick(draft.senderName, studio.senderName) || name;
  const replyTo =
    pick(draft.replyTo, studio.replyTo) ?? pick(draft.supportEmail, studio.supportEmail);
  return { html: rendered.html, senderName, replyTo: replyTo ?? null };
}
