import { getTranslations } from "next-intl/server";
import type { AccessView } from "@/lib/access/view";
import { AccessPanel } from "./access-panel";

type Props = { view: AccessView; token: string; nonce?: string };

/**
 * The guest's page in the studio's branding. Colours arrive as CSS variables in a nonce'd
 * <style> (the CSP allows no inline style attributes); text colours are derived for AA.
 */
export async function AccessScreen({ view, token, nonce }: Props) {
  const { link, studio } = view;
  const t = await getTranslations({ locale: link.locale, namespace: "AccessPage" });
  const when = new Intl.DateTimeFormat(link.locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: studio.timeZone,
  });
  const validityText = {
    from: when.format(new Date(link.validFrom)),
    until: when.format(new Date(link.validUntil)),
  };
  const p = studio.palette;
  const vars = `:root{--brand-primary:${p.primary};--brand-on-primary:${p.onPrimary};--brand-accent:${p.accent};--brand-on-accent:${p.onAccent};--brand-text:${p.primaryText}}`;

  return (
    <div className="flex min-h-dvh flex-col">
      <style nonce={nonce}>{vars}</style>
      <header className="bg-brand px-5 py-4 text-brand-contrast">
        <div className="mx-auto flex max-w-lg items-center gap-3">
          {studio.logoUrl ? (
            // The name stands next to it, so the logo itself is decorative.
            // eslint-disable-next-line @next/next/no-img-element -- a same-origin API image, no optimizer
            <img
              src={studio.logoUrl}
              alt=""
              className="size-11 rounded-full bg-white object-contain p-1"
            />
          ) : (
            <span
              aria-hidden="true"
              className="flex size-11 items-center justify-center rounded-full bg-brand-contrast text-xl font-bold text-brand"
            >
              {studio.name.trim().charAt(0).toUpperCase()}
            </span>
          )}
          <p className="text-lg font-semibold">{studio.name}</p>
        </div>
      </header>
      <main className="mx-auto w-full max-w-lg flex-1 space-y-6 px-5 py-6">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold">{t("greeting", { name: link.guestName })}</h1>
          <p className="text-ink-muted">{t("validity", validityText)}</p>
        </div>
        <AccessPanel token={token} initial={view} validityText={validityText} />
      </main>
      <footer className="mx-auto w-full max-w-lg space-y-2 px-5 pt-2 pb-8 text-ink-muted">
        {(studio.supportEmail || studio.supportPhone || studio.address) && (
          <>
            <h2 className="font-semibold text-ink">{t("contactHeading")}</h2>
            {studio.supportPhone && (
              <p>
                <a
                  className="text-brand-text underline underline-offset-4"
                  href={`tel:${studio.supportPhone.replace(/[^+\d]/g, "")}`}
                >
                  {t("contactPhone", { phone: studio.supportPhone })}
                </a>
              </p>
            )}
            {studio.supportEmail && (
              <p>
                <a
                  className="text-brand-text underline underline-offset-4"
                  href={`mailto:${studio.supportEmail}`}
                >
                  {t("contactEmail", { email: studio.supportEmail })}
                </a>
              </p>
            )}
            {studio.address && (
              <p>
                <span className="sr-only">{t("addressLabel")}: </span>
                {studio.address}
              </p>
            )}
          </>
        )}
        <p className="pt-4 text-sm">{t("poweredBy")}</p>
      </footer>
    </div>
  );
}
