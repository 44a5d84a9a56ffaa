import "server-only";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { findUsableInvitation } from "./invitations";

/** One lookup per request: the invitation page, its layout (for <html lang>) and its metadata. */
export const findInvitationForRequest = cache(async (token: string) =>
  findUsableInvitation(await getDb(), token),
);

/**
 * The invitation page speaks the language the invitation's email was written in; an unknown,
 * expired or used invitation gets the visitor's own language (the page says the same for all).
 */
export async function invitationLocale(token: string): Promise<Locale> {
  const found = await findInvitationForRequest(token);
  if (found && isLocale(found.invitation.locale)) return found.invitation.locale;
  return (await getLocale()) as Locale;
}
