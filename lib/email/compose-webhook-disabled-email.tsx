import "server-only";
import { render } from "@react-email/render";
import { eq } from "drizzle-orm";
import { brandPalette } from "@/lib/brand/contrast";
import { studios, webhookEndpoints } from "@/lib/db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { addressOf, type ComposeDeps, type ComposedEmail } from "./compose-access-email";
import { WebhookDisabledEmail } from "./templates/webhook-disabled-email";

/**
 * The email to a studio manager about a webhook endpoint Latchkey disabled after days of failed
 * deliveries. It names the endpoint by its origin only: the path or query of a receiver's URL
 * may hold the receiver's own credential.
 */
export async function composeWebhookDisabledEmail(
  deps: ComposeDeps,
  outbox: { id: string; webhookEndpointId: string; recipient: string; locale: string },
): Promise<ComposedEmail> {
  const [row] = await deps.db
    .select({ endpoint: webhookEndpoints, studio: studios })
    .from(webhookEndpoints)
    .innerJoin(studios, eq(studios.id, webhookEndpoints.studioId))
    .where(eq(webhookEndpoints.id, outbox.webhookEndpointId));
  if (!row) throw new Error("the webhook endpoint of this email no longer exists");
  const { endpoint, studio } = row;
  const locale: Locale = isLocale(outbox.locale) ? outbox.locale : DEFAULT_LOCALE;
  const t = await translator(locale, "WebhookDisabledEmail");
  const origin = new URL(endpoint.url).origin;
  const email = (
    <WebhookDisabledEmail
      locale={locale}
      studioName={studio.name}
      logoUrl={studio.logoPath ? `${deps.appOrigin}${studio.logoPath}` : null}
      palette={brandPalette(studio.primaryColor, studio.accentColor)}
      text={{
        preview: t("preview", { studio: studio.name }),
        heading: t("heading"),
        body: t("body", { endpoint: origin, studio: studio.name }),
        action: t("action"),
      }}
    />
  );
  const host = new URL(deps.appOrigin).hostname;
  return {
    to: outbox.recipient,
    from: { name: studio.senderName ?? studio.name, address: addressOf(deps.fromAddress) },
    subject: t("subject", { studio: studio.name }),
    html: await render(email),
    text: await render(email, { plainText: true }),
    messageId: `<outbox-${outbox.id}@${host}>`,
  };
}
