import { getTranslations } from "next-intl/server";
import type { AccessView } from "@/lib/access/view";
import { formatGuestDateTime, formatGuestDateTimeFull } from "@/lib/time/guest-dates";
import { AccessPanel } from "./access-panel";
import { ContactActions } from "./contact-actions";
import { Icon } from "./icons";

type Props = { view: AccessView; token: string; nonce?: string };

/** Fixed tints behind the location and status cards (ink text on them meets AA). */
const SOFT = { opened: "#f0fdf4", busy: "#fffbeb", failed: "#fef2f2" };

/** The CSS variables of a studio's page: its brand, and Latchkey's own door-state colours. */
function pageVariables(view: AccessView): string {
  const p = view.studio.palette;
  const vars: Record<string, string> = {
    "--brand-primary": p.primary,
    "--brand-on-primary": p.onPrimary,
    "--brand-accent": p.accent,
    "--brand-on-accent": p.onAccent,
    "--brand-text": p.primaryText,
    "--state-opened-soft": SOFT.opened,
    "--state-busy-soft": SOFT.busy,
    "--state-failed-soft": SOFT.failed,
  };
  for (const [state, colors] of Object.entries(view.studio.states)) {
    vars[`--state-${state}-fill`] = colors.fill;
    vars[`--state-${state}-text`] = colors.text;
    vars[`--state-${state}-border`] = colors.border;
  }
  // Every value is a validated #rrggbb: nothing a studio types reaches this stylesheet raw.
  return `:root{${Object.entries(vars)
    .map(([k, v]) => `${k}:${v}`)
    .join(";")}}`;
}

/**
 * The guest's page in the studio's branding: the studio's name as the page's heading, the
 * guest's window in one short line (the full window one tap away), then the doors — above the
 * fold on a small phone in every state. Colours arrive as CSS variables in a nonce'd <style>
 * (the CSP allows no inline style attributes).
 */
export async function AccessScreen({ view, token, nonce }: Props) {
  const { link, studio } = view;
  const t = await getTranslations({ locale: link.locale, namespace: "AccessPage" });
  const from = new Date(link.validFrom);
  const until = new Date(link.validUntil);
  const short = (d: Date) => formatGuestDateTime(d, link.locale, studio.timeZone);
  const full = (d: Date) => formatGuestDateTimeFull(d, link.locale, studio.timeZone);
  const ended = link.state === "expired" || link.state === "revoked";
  const summary =
    link.state === "scheduled"
      ? t("window.starts", { from: short(from) })
      : t("window.until", { until: short(until) });

  return (
    <div className="flex min-h-dvh flex-col">
      <style nonce={nonce}>{pageVariables(view)}</style>
      <header className="bg-brand px-4 py-3 text-brand-contrast">
        <div className="mx-auto flex max-w-lg items-center gap-3">
          {studio.logoUrl ? (
            // The name stands next to it, so the logo itself is decorative.
            // eslint-disable-next-line @next/next/no-img-element -- a same-origin API image, no optimizer
            <img
              src={studio.logoUrl}
              alt=""
              className="size-10 rounded-full bg-white object-contain p-1"
            />
          ) : (
            <span
              aria-hidden="true"
              className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-contrast text-lg font-bold text-brand"
            >
              {studio.name.trim().charAt(0).toUpperCase()}
            </span>
          )}
          <h1 className="min-w-0 text-lg leading-tight font-semibold break-words">{studio.name}</h1>
        </div>
      </header>
      <main className="mx-auto w-full max-w-lg flex-1 space-y-4 px-4 py-4">
        <div>
          <p className="text-2xl font-bold">{t("greeting", { name: link.guestName })}</p>
          {!ended && (
            <details className="group text-ink-muted" data-testid="validity">
              <summary className="focus-ring inline-flex min-h-8 cursor-pointer items-center gap-1 rounded font-medium">
                {summary}
                <Icon
                  name="chevron"
                  className="size-4 transition-transform group-open:rotate-180"
                />
                <span className="sr-only"> — {t("window.showAll")}</span>
              </summary>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
                <dt>{t("window.from")}</dt>
                <dd>{full(from)}</dd>
                <dt>{t("window.untilLabel")}</dt>
                <dd>{full(until)}</dd>
              </dl>
            </details>
          )}
        </div>
        <AccessPanel
          token={token}
          initial={view}
          texts={{
            from: short(from),
            until: short(until),
            calendarUrl: link.state === "scheduled" ? `/access/${token}/calendar` : null,
          }}
        />
      </main>
      <footer className="mx-auto w-full max-w-lg space-y-2 px-4 pt-2 pb-8">
        {!ended && (studio.supportEmail || studio.supportPhone || studio.address) && (
          <>
            <h2 className="font-semibold">{t("contact.heading")}</h2>
            <ContactActions studio={studio} />
          </>
        )}
        <p className="pt-4 text-sm text-ink-muted">{t("poweredBy")}</p>
      </footer>
    </div>
  );
}
