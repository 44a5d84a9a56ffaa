"use client";

import { useTranslations } from "next-intl";
import { Icon } from "./icons";

/**
 * Kisi is not answering: the doors cannot be opened, and the page says so, keeps retrying on its
 * own, shows when it last tried, and gives "Try again" visible feedback (it spins while trying).
 */
export function SystemStatus({
  lastTried,
  trying,
  hasDoors,
  onRetry,
}: {
  lastTried: string | null;
  trying: boolean;
  hasDoors: boolean;
  onRetry: () => void;
}) {
  const t = useTranslations("AccessPage.system");
  return (
    <section
      role="status"
      aria-labelledby="system-heading"
      data-testid="system-status"
      className="flex gap-3 rounded-2xl border-2 border-(--state-busy-border) bg-(--state-busy-soft) px-4 py-3"
    >
      <Icon name="alert" className="mt-0.5 size-5" />
      <div className="min-w-0 flex-1 space-y-1">
        <h2 id="system-heading" className="font-semibold">
          {t("unreachableTitle")}
        </h2>
        <p>{hasDoors ? t("unreachableBody") : t("noDoorsYet")}</p>
        {lastTried && (
          <p className="text-ink-muted" data-testid="last-tried">
            {t("lastTried", { time: lastTried })}
          </p>
        )}
        <button
          type="button"
          onClick={onRetry}
          disabled={trying}
          aria-busy={trying}
          className="focus-ring mt-2 inline-flex min-h-11 items-center gap-2 rounded-xl border-2 border-ink px-4 font-semibold disabled:cursor-wait"
        >
          <Icon name={trying ? "spinner" : "refresh"} className="size-5" />
          {trying ? t("trying") : t("retry")}
        </button>
      </div>
    </section>
  );
}
