import type { Locale } from "@/lib/i18n/locales";
import type core from "@/lib/i18n/messages/en.json";
import type access from "@/lib/i18n/messages/access.en.json";
import type account from "@/lib/i18n/messages/account.en.json";
import type activity from "@/lib/i18n/messages/activity.en.json";
import type apiDocs from "@/lib/i18n/messages/api-docs.en.json";
import type brandTemplates from "@/lib/i18n/messages/brand-templates.en.json";
import type bulk from "@/lib/i18n/messages/bulk.en.json";
import type email from "@/lib/i18n/messages/email.en.json";
import type links from "@/lib/i18n/messages/links.en.json";
import type rules from "@/lib/i18n/messages/rules.en.json";
import type settings from "@/lib/i18n/messages/settings.en.json";
import type staffAudit from "@/lib/i18n/messages/staff-audit.en.json";
import type studios from "@/lib/i18n/messages/studios.en.json";
import type team from "@/lib/i18n/messages/team.en.json";
import type tokens from "@/lib/i18n/messages/tokens.en.json";
import type webhooks from "@/lib/i18n/messages/webhooks.en.json";

// Typed message keys and locales for next-intl (the en catalogues are the reference).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof core &
      typeof access &
      typeof account &
      typeof activity &
      typeof apiDocs &
      typeof brandTemplates &
      typeof bulk &
      typeof email &
      typeof links &
      typeof rules &
      typeof settings &
      typeof staffAudit &
      typeof studios &
      typeof team &
      typeof tokens &
      typeof webhooks;
  }
}
