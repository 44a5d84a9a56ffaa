"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { Icon } from "./icons";

const DISMISSED = "latchkey:install-hint-dismissed";

const noop = () => () => undefined;

/**
 * For links that last more than a day (temporary staff): how to put the page on the home
 * screen, for this phone's platform. Hidden when already installed, or once dismissed.
 */
export function InstallHint() {
  const t = useTranslations("AccessPage.install");
  const [dismissed, setDismissed] = useState(false);
  const hidden = useSyncExternalStore(
    noop,
    () =>
      window.matchMedia?.("(display-mode: standalone)").matches ||
      window.localStorage?.getItem(DISMISSED) === "1",
    // Rendered by the server too, so it takes its place before the first paint: appearing only
    // after hydration would push the page down (layout shift). Installed or dismissed, it goes.
    () => false,
  );
  const android = useSyncExternalStore(
    noop,
    () => /Android/.test(navigator.userAgent),
    () => false,
  );
  if (hidden || dismissed) return null;
  return (
    <aside
      aria-labelledby="install-heading"
      data-testid="install-hint"
      className="flex gap-3 rounded-2xl border-2 border-ink/20 px-4 py-3"
    >
      <Icon name="home" className="mt-0.5 size-5" />
      <div className="min-w-0 flex-1 space-y-1">
        <h2 id="install-heading" className="font-semibold">
          {t("title")}
        </h2>
        <p>{android ? t("android") : t("ios")}</p>
        <button
          type="button"
          onClick={() => {
            window.localStorage?.setItem(DISMISSED, "1");
            setDismissed(true);
          }}
          className="focus-ring min-h-11 font-semibold underline underline-offset-4"
        >
          {t("dismiss")}
        </button>
      </div>
    </aside>
  );
}
