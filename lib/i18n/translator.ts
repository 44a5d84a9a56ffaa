// use-intl/core, not next-intl: this runs outside React too (the outbox in `npm run worker`),
// where next-intl's entry pulls in React client code.
import { createTranslator } from "use-intl/core";
import type { Locale } from "./locales";
import { loadMessages } from "./messages";

type Messages = Parameters<typeof createTranslator>[0]["messages"];
type Namespace = NonNullable<Parameters<typeof createTranslator>[0]["namespace"]>;

/**
 * A translator for a locale known from data (an API caller's, a guest's link, an email's),
 * usable anywhere: route handlers, the outbox worker, tests. Pages use next-intl's own hooks.
 */
export async function translator<N extends Namespace>(locale: Locale, namespace: N) {
  const messages = (await loadMessages(locale)) as Messages;
  return createTranslator({ locale, messages, namespace });
}
