import type { Locale } from "@/lib/i18n/locales";
import type messages from "@/lib/i18n/messages/en.json";

// Typed message keys and locales for next-intl (en.json is the reference catalogue).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
