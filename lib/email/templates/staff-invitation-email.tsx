import { Text } from "@react-email/components";
import type { BrandPalette } from "@/lib/brand/contrast";
import {
  BrandedButton,
  BrandedEmailLayout,
  bodyText,
  FallbackLink,
} from "../components/branded-email-layout";

export type StaffInvitationEmailProps = {
  locale: string;
  studioName: string;
  /** Absolute URL of the studio's logo, or null. */
  logoUrl: string | null;
  palette: BrandPalette;
  url: string;
  text: {
    preview: string;
    heading: string;
    intro: string;
    button: string;
    expires: string;
    fallback: string;
    ignore: string;
  };
};

/**
 * A new staff member's invitation, in the studio's colours: one button to /invite/<token>.
 * Every string arrives translated (lib/email/compose-invitation-email.tsx); inline styles
 * because mail clients ignore stylesheets.
 */
export function StaffInvitationEmail({
  locale,
  studioName,
  logoUrl,
  palette,
  url,
  text,
}: StaffInvitationEmailProps) {
  return (
    <BrandedEmailLayout
      locale={locale}
      preview={text.preview}
      studioName={studioName}
      logoUrl={logoUrl}
      palette={palette}
      heading={text.heading}
    >
      <Text style={bodyText}>{text.intro}</Text>
      <BrandedButton href={url} palette={palette}>
        {text.button}
      </BrandedButton>
      <Text style={bodyText}>{text.expires}</Text>
      <FallbackLink url={url} palette={palette} hint={text.fallback} />
      <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 24 }}>{text.ignore}</Text>
    </BrandedEmailLayout>
  );
}
