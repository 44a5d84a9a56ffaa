import "server-only";
import { getLocale } from "next-intl/server";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { linkState } from "@/lib/links/state";
import { findAccessForRequest } from "./deps";

/**
 * The language of a guest's page: the one chosen for their link, read from the link the page
 * loads anyway (one lookup per request, shared with the page and its metadata). A token that
 * is unknown, or whose link was never confirmed on Kisi (no guest has its URL), gets the
 * visitor's own language, so the not-found page looks the same whichever token was tried.
 */
export async function guestLocale(secret: string): Promise<Locale> {
  const access = await findAccessForRequest(secret);
  const shown = access && linkState(access.link, new Date()) !== "unavailable";
  if (shown && isLocale(access.link.locale)) {
    return access.link.locale;
  }
  return (await getLocale()) as Locale;
}
