"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { AA_TEXT, contrastRatio, fillWithText, INK } from "@/lib/brand/contrast";
import { brandDistinctness } from "@/lib/brand/distinctness";

/**
 * How readable a brand colour is: the text colour guests get on it (derived, never stored), the
 * WCAG ratio of that pairing and whether it reaches AA. When it does not, the colour guests
 * actually see is shown: Latchkey moves it just enough to pass.
 */
export function ContrastCheck({ id, color }: { id: string; color: string }) {
  const t = useTranslations("SettingsPage.contrast");
  const { fill, text } = fillWithText(color);
  const ratio = contrastRatio(color, text);
  const passes = ratio >= AA_TEXT;
  return (
    <div id={id} data-testid={id} className="space-y-1 text-sm" aria-live="polite">
      <p>
        {t("textColour", {
          colour: text === INK ? t("dark") : t("white"),
          hex: text,
        })}
      </p>
      <p className="flex flex-wrap items-center gap-2">
        <span>{t("ratio", { ratio: ratio.toFixed(2) })}</span>
        <span
          className={clsx(
            "rounded-full px-2 py-0.5 font-semibold",
            passes ? "bg-green-100 text-green-900" : "bg-red-100 text-red-900",
          )}
        >
          {passes ? t("pass") : t("fail")}
        </span>
      </p>
      {!passes && <p>{t("adjusted", { hex: fill })}</p>}
    </div>
  );
}

/**
 * Contrast says text is readable on each colour, not that the colours differ: a primary and an
 * accent a guest cannot tell apart both "pass AA". This warns when they look alike (ΔE), and
 * says when the primary resembles a door state's usual colour (the guest page then shows that
 * state in another fixed shade). Follows the last valid colours while one is being typed.
 */
export function DistinctnessCheck({ primary, accent }: { primary: string; accent: string }) {
  const t = useTranslations("SettingsSections.distinct");
  const d = brandDistinctness(primary, accent);
  const states = d.statesLikePrimary.map((s) => t(`states.${s}`));
  return (
    <div
      data-testid="brand-distinctness"
      aria-live="polite"
      className="space-y-1 text-sm sm:col-span-2"
    >
      {d.primaryAccent.tooClose ? (
        <p className="flex items-start gap-2 rounded-lg border border-amber-700/30 bg-amber-50 p-2 text-amber-950">
          <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t("tooClose", { deltaE: d.primaryAccent.deltaE })}
        </p>
      ) : (
        <p className="flex items-start gap-2 text-ink-muted">
          <CheckCircle2 aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-700" />
          {t("distinct", { deltaE: d.primaryAccent.deltaE })}
        </p>
      )}
      {states.length > 0 && (
        <p className="flex items-start gap-2 rounded-lg border border-amber-700/30 bg-amber-50 p-2 text-amber-950">
          <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t("likeStates", { states: states.join(", "), count: states.length })}
        </p>
      )}
    </div>
  );
}
