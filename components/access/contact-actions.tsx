import { useTranslations } from "next-intl";
import type { AccessView } from "@/lib/access/view";
import { Icon } from "./icons";

/** A map search for the studio's address: opens the phone's maps app or site, loads nothing here. */
export function directionsUrl(address: string | null): string | null {
  return address
    ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`
    : null;
}

/**
 * The studio's contact as actions a guest at a locked door can take with one thumb: call, email,
 * directions. `primary` makes them big, filled buttons (a link that does not work: the next step
 * is the studio); otherwise they are quiet links in the footer.
 */
export function ContactActions({
  studio,
  primary = false,
}: {
  studio: Pick<AccessView["studio"], "name" | "supportEmail" | "supportPhone" | "address">;
  primary?: boolean;
}) {
  const t = useTranslations("AccessPage.contact");
  const directions = directionsUrl(studio.address);
  const actions = [
    studio.supportPhone && {
      key: "call",
      href: `tel:${studio.supportPhone.replace(/[^+\d]/g, "")}`,
      icon: "phone" as const,
      label: t("call", { phone: studio.supportPhone }),
    },
    studio.supportEmail && {
      key: "email",
      href: `mailto:${studio.supportEmail}`,
      icon: "mail" as const,
      label: t("email", { email: studio.supportEmail }),
    },
    directions && {
      key: "directions",
      href: directions,
      icon: "map" as const,
      label: t("directions"),
      external: true,
    },
  ].filter(Boolean) as Array<{
    key: string;
    href: string;
    icon: "phone" | "mail" | "map";
    label: string;
    external?: boolean;
  }>;
  if (actions.length === 0)
    return primary ? (
      <p className="text-ink-muted">{t("askStaff", { studio: studio.name })}</p>
    ) : null;
  return (
    <ul className={primary ? "space-y-3" : "space-y-1"}>
      {actions.map((a, i) => (
        <li key={a.key}>
          <a
            href={a.href}
            {...(a.external ? { target: "_blank", rel: "noreferrer noopener" } : {})}
            data-contact={a.key}
            className={
              primary
                ? `focus-ring flex min-h-14 w-full items-center gap-3 rounded-2xl border-2 px-4 text-lg font-semibold ${
                    i === 0
                      ? "border-brand bg-brand text-brand-contrast"
                      : "border-brand-text text-brand-text"
                  }`
                : "focus-ring inline-flex min-h-11 items-center gap-2 font-medium text-brand-text underline underline-offset-4"
            }
          >
            <Icon name={a.icon} className={primary ? "size-6" : "size-5"} />
            <span className="min-w-0 break-words">{a.label}</span>
          </a>
        </li>
      ))}
      {studio.address && (
        <li className={primary ? "px-1 text-ink-muted" : "text-ink-muted"}>
          <span className="sr-only">{t("addressLabel")}: </span>
          {studio.address}
        </li>
      )}
    </ul>
  );
}
