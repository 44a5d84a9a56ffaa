import { Hr, Text } from "@react-email/components";
import type { BrandPalette } from "@/lib/brand/contrast";
import {
  BrandedButton,
  BrandedEmailLayout,
  bodyText,
  FallbackLink,
  mutedText,
} from "../components/branded-email-layout";

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
    /** The door list's lead-in, or null when the list is not at hand. */
    doors: string | null;
    doorNames: string[];
    geofence: string | null;
    /** The link's access rules in the guest's words ("Opens Mon–Fri 07:00–19:00"); may be empty. */
    rules?: string[];
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
    <BrandedEmailLayout
      locale={locale}
      preview={text.preview}
      studioName={studioName}
      logoUrl={logoUrl}
      palette={palette}
      heading={text.greeting}
    >
      <Text style={bodyText}>{text.intro}</Text>
      <BrandedButton href={url} palette={palette}>
        {text.button}
      </BrandedButton>
      {text.doors && text.doorNames.length > 0 && (
        <>
          <Text style={{ ...bodyText, marginBottom: 4 }}>{text.doors}</Text>
          <ul style={{ ...bodyText, margin: "0 0 16px", paddingLeft: 24 }}>
            {text.doorNames.map((name, i) => (
              // Two doors may share a display name.
              <li key={`${i}:${name}`}>{name}</li>
            ))}
          </ul>
        </>
      )}
      <Text style={bodyText}>{text.howTo}</Text>
      {text.geofence && <Text style={bodyText}>{text.geofence}</Text>}
      {text.rules?.map((line) => (
        <Text key={line} style={bodyText}>
          {line}
        </Text>
      ))}
      <FallbackLink url={url} palette={palette} hint={text.fallback} />
      <Text style={mutedText}>{text.calendar}</Text>
      <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0" }} />
      <Text style={{ fontSize: 14, color: "#111827", fontWeight: 600, margin: 0 }}>
        {text.contact}
      </Text>
      {text.contactLines.map((line) => (
        <Text key={line} style={{ ...mutedText, margin: "4px 0" }}>
          {line}
        </Text>
      ))}
      <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 24 }}>{text.personal}</Text>
      <Text style={{ fontSize: 12, color: "#6b7280" }}>{text.footer}</Text>
    </BrandedEmailLayout>
  );
}
