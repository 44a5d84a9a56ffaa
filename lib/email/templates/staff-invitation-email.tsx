import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { BrandPalette } from "@/lib/studios/contrast";

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
  const body = { fontSize: 16, color: "#111827", lineHeight: "24px" };
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{text.preview}</Preview>
      <Body
        style={{
          backgroundColor: "#f3f4f6",
          fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
          margin: 0,
        }}
      >
        <Container style={{ maxWidth: 560, margin: "0 auto", backgroundColor: "#ffffff" }}>
          <Section style={{ backgroundColor: palette.primary, padding: "20px 28px" }}>
            {logoUrl && (
              <Img
                src={logoUrl}
                alt=""
                height={40}
                style={{ marginBottom: 8, backgroundColor: "#ffffff", borderRadius: 8 }}
              />
            )}
            <Text style={{ color: palette.onPrimary, fontSize: 20, fontWeight: 700, margin: 0 }}>
              {studioName}
            </Text>
          </Section>
          <Section style={{ padding: "24px 28px" }}>
            <Heading as="h1" style={{ fontSize: 24, color: "#111827", margin: "0 0 12px" }}>
              {text.heading}
            </Heading>
            <Text style={body}>{text.intro}</Text>
            <Button
              href={url}
              style={{
                backgroundColor: palette.primary,
                color: palette.onPrimary,
                fontSize: 18,
                fontWeight: 700,
                padding: "16px 28px",
                borderRadius: 12,
                display: "inline-block",
                margin: "12px 0",
              }}
            >
              {text.button}
            </Button>
            <Text style={body}>{text.expires}</Text>
            <Text style={{ fontSize: 14, color: "#4b5563" }}>{text.fallback}</Text>
            <Text style={{ fontSize: 14, wordBreak: "break-all", margin: "0 0 16px" }}>
              <Link href={url} style={{ color: palette.primaryText }}>
                {url}
              </Link>
            </Text>
            <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 24 }}>{text.ignore}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
