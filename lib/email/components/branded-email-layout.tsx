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
import type { ReactNode } from "react";
import type { BrandPalette } from "@/lib/brand/contrast";

/** Body copy in every Latchkey email. Inline styles: mail clients ignore stylesheets. */
export const bodyText = { fontSize: 16, color: "#111827", lineHeight: "24px" } as const;
/** Secondary copy (fallback hints, contact lines). */
export const mutedText = { fontSize: 14, color: "#4b5563" } as const;

/**
 * The branded shell every email shares: the studio's colour band with its logo and name, then
 * the message's heading and content on white. Each template only writes what is its own.
 */
export function BrandedEmailLayout({
  locale,
  preview,
  studioName,
  logoUrl,
  palette,
  heading,
  children,
}: {
  locale: string;
  preview: string;
  studioName: string;
  /** Absolute URL of the studio's logo, or null. */
  logoUrl: string | null;
  palette: BrandPalette;
  heading: string;
  children: ReactNode;
}) {
  return (
    <Html lang={locale}>
      {/* A title, so screen readers announce the email when its HTML is opened on its own (axe). */}
      <Head>
        <title>{heading}</title>
      </Head>
      <Preview>{preview}</Preview>
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
              {heading}
            </Heading>
            {children}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** The one big call to action, in the studio's primary colour. */
export function BrandedButton({
  href,
  palette,
  children,
}: {
  href: string;
  palette: BrandPalette;
  children: ReactNode;
}) {
  return (
    <Button
      href={href}
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
      {children}
    </Button>
  );
}

/** "If the button does not work" and the URL spelled out, for clients that drop buttons. */
export function FallbackLink({
  url,
  palette,
  hint,
}: {
  url: string;
  palette: BrandPalette;
  hint: string;
}) {
  return (
    <>
      <Text style={mutedText}>{hint}</Text>
      <Text style={{ fontSize: 14, wordBreak: "break-all", margin: "0 0 16px" }}>
        <Link href={url} style={{ color: palette.primaryText }}>
          {url}
        </Link>
      </Text>
    </>
  );
}
