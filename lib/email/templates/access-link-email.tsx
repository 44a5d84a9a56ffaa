import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { BrandPalette } from "@/lib/studios/contrast";

export type AccessLinkEmailProps = {
  locale: string;
  studioName: string;
  /** Absolute URL of the studio's logo, or null. */
  logoUrl: string | null;
  palette: BrandPalette;
  url: string;
  text: {
    preview: string;
    greeting: string;
    intro: string;
    button: string;
    howTo: string;
    geofence: string | null;
    fallback: string;
    calendar: string;
    contact: string;
    contactLines: string[];
    personal: string;
    footer: string;
  };
};

/**
 * The guest's email: the studio's name and colours, one big button to the access page. Every
 * string arrives translated (lib/email/compose-access-email.ts); styles are inline because mail
 * clients ignore stylesheets.
 */
export function AccessLinkEmail({
  locale,
  studioName,
  logoUrl,
  palette,
  url,
  text,
}: AccessLinkEmailProps) {
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
              {text.greeting}
            </Heading>
            <Text style={{ fontSize: 16, color: "#111827", lineHeight: "24px" }}>{text.intro}</Text>
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
            <Text style={{ fontSize: 16, color: "#111827", lineHeight: "24px" }}>{text.howTo}</Text>
            {text.geofence && (
              <Text style={{ fontSize: 16, color: "#111827", lineHeight: "24px" }}>
                {text.geofence}
              </Text>
            )}
            <Text style={{ fontSize: 14, color: "#4b5563" }}>{text.fallback}</Text>
            <Text style={{ fontSize: 14, wordBreak: "break-all", margin: "0 0 16px" }}>
              <Link href={url} style={{ color: palette.primaryText }}>
                {url}
              </Link>
            </Text>
            <Text style={{ fontSize: 14, color: "#4b5563" }}>{text.calendar}</Text>
            <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0" }} />
            <Text style={{ fontSize: 14, color: "#111827", fontWeight: 600, margin: 0 }}>
              {text.contact}
            </Text>
            {text.contactLines.map((line) => (
              <Text key={line} style={{ fontSize: 14, color: "#4b5563", margin: "4px 0" }}>
                {line}
              </Text>
            ))}
            <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 24 }}>{text.personal}</Text>
            <Text style={{ fontSize: 12, color: "#6b7280" }}>{text.footer}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
