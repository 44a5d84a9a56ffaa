"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { BrandPalette } from "@/lib/brand/contrast";

/**
 * The guest page's header and door button in the draft palette. The colours are set as CSS
 * variables through the CSSOM (the CSP allows no inline style attributes on pages), and the
 * guest page's own classes read them.
 */
export function GuestPagePreview({
  palette,
  name,
  logoUrl,
}: {
  palette: BrandPalette;
  name: string;
  logoUrl: string | null;
}) {
  const t = useTranslations("SettingsPage.branding");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const style = ref.current?.style;
    if (!style) return;
    style.setProperty("--brand-primary", palette.primary);
    style.setProperty("--brand-on-primary", palette.onPrimary);
    style.setProperty("--brand-accent", palette.accent);
    style.setProperty("--brand-on-accent", palette.onAccent);
    style.setProperty("--brand-text", palette.primaryText);
  }, [palette]);
  return (
    <figure className="space-y-2">
      <figcaption className="font-medium">{t("guestPreview")}</figcaption>
      <div
        ref={ref}
        data-testid="guest-preview"
        data-primary={palette.primary}
        data-on-primary={palette.onPrimary}
        className="overflow-hidden rounded-xl border border-ink/15 bg-white"
      >
        <div className="flex items-center gap-3 bg-brand px-4 py-3 text-brand-contrast">
          {logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a same-origin API image, no optimizer
            <img src={logoUrl} alt="" className="size-9 rounded-full bg-white object-contain p-1" />
          ) : (
            <span
              aria-hidden="true"
              className="flex size-9 items-center justify-center rounded-full bg-brand-contrast font-bold text-brand"
            >
              {name.trim().charAt(0).toUpperCase()}
            </span>
          )}
          <span className="font-semibold">{name}</span>
        </div>
        <div className="space-y-3 p-4">
          <p className="font-semibold text-brand-text">{t("sampleLink")}</p>
          <div
            aria-hidden="true"
            className="flex min-h-14 items-center rounded-2xl bg-brand px-4 font-semibold text-brand-contrast"
          >
            {t("sampleDoor")}
          </div>
          <div
            aria-hidden="true"
            className="inline-flex min-h-11 items-center rounded-lg bg-accent px-4 text-accent-contrast"
          >
            {t("sampleAccent")}
          </div>
        </div>
      </div>
    </figure>
  );
}
