"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { AA_TEXT, contrastRatio, fillWithText, INK } from "@/lib/brand/contrast";

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
