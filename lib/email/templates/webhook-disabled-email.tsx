import { Text } from "@react-email/components";
import type { BrandPalette } from "@/lib/brand/contrast";
import { BrandedEmailLayout, bodyText } from "../components/branded-email-layout";

export type WebhookDisabledEmailProps = {
  locale: string;
  studioName: string;
  logoUrl: string | null;
  palette: BrandPalette;
  text: { preview: string; heading: string; body: string; action: string };
};

/** Tells a studio manager that Latchkey disabled a webhook endpoint that kept failing. */
export function WebhookDisabledEmail({
  locale,
  studioName,
  logoUrl,
  palette,
  text,
}: WebhookDisabledEmailProps) {
  return (
    <BrandedEmailLayout
      locale={locale}
      preview={text.preview}
      studioName={studioName}
      logoUrl={logoUrl}
      palette={palette}
      heading={text.heading}
    >
      <Text style={bodyText}>{text.body}</Text>
      <Text style={bodyText}>{text.action}</Text>
    </BrandedEmailLayout>
  );
}
