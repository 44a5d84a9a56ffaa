"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/**
 * Time left until `until`, ticking every second, calling `onDone` once it is reached. Rendered
 * only after mount (the server's clock is not the phone's), as a timer: screen readers do not
 * announce every tick.
 */
export function Countdown({ until, onDone }: { until: string; onDone: () => void }) {
  const t = useTranslations("AccessPage.scheduled");
  const locale = useLocale();
  const [now, setNow] = useState<number | null>(null);
  const target = new Date(until).getTime();

  useEffect(() => {
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (current >= target) onDone();
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [target, onDone]);

  if (now === null || now >= target) return null;
  return (
    <p role="timer" className="text-2xl font-semibold tabular-nums">
      {t("countdown", { time: formatRemaining(target - now, locale) })}
    </p>
  );
}

function formatRemaining(ms: number, locale: string): string {
  const total = Math.ceil(ms / 1000);
  const days = Math.floor(total / 86_400);
  const clock = [Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60), total % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  if (days === 0) return clock;
  const dayText = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "day",
    unitDisplay: "long",
  }).format(days);
  return `${dayText} ${clock}`;
}
