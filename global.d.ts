import type { Locale } from "@/lib/i18n/locales";
import type access from "@/lib/i18n/messages/access.en.json";
import type accessRulesUi from "@/lib/i18n/messages/access-rules-ui.en.json";
import type apiDocs from "@/lib/i18n/messages/api-docs.en.json";
import type bulk from "@/lib/i18n/messages/bulk.en.json";
import type dashboardLinks from "@/lib/i18n/messages/dashboard-links.en.json";
import type core from "@/lib/i18n/messages/en.json";
import type dashboardSettings from "@/lib/i18n/messages/dashboard-settings.en.json";
import type growth from "@/lib/i18n/messages/growth.en.json";
import type hardening from "@/lib/i18n/messages/hardening.en.json";
import type rules from "@/lib/i18n/messages/rules.en.json";
import type outbox from "@/lib/i18n/messages/outbox.en.json";
import type security from "@/lib/i18n/messages/security.en.json";
import type settings from "@/lib/i18n/messages/settings.en.json";
import type team from "@/lib/i18n/messages/team.en.json";
import type tokens from "@/lib/i18n/messages/tokens.en.json";
import type webhooks from "@/lib/i18n/messages/webhooks.en.json";

// Typed message keys and locales for next-intl (the en catalogues are the reference).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof core &
      typeof access &
      typeof settings &
      typeof team &
      typeof tokens &
      typeof bulk &
      typeof outbox &
      typeof growth &
      typeof hardening &
      typeof security &
      typeof apiDocs &
      typeof dashboardSettings &
      typeof dashboardLinks &
      typeof rules &
      typeof webhooks &
      typeof accessRulesUi;
  }
}
