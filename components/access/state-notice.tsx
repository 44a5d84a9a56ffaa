import { useTranslations } from "next-intl";
import type { AccessView } from "@/lib/access/view";
import { ContactActions } from "./contact-actions";
import { Icon } from "./icons";

/**
 * The end of a link: the state first ("This access has ended", "This link was cancelled"), then
 * the next step — the studio's contact as the primary actions. The window is secondary here.
 */
export function StateNotice({
  state,
  studio,
  ended,
}: {
  state: "expired" | "revoked";
  studio: AccessView["studio"];
  ended: string;
}) {
  const t = useTranslations("AccessPage.states");
  return (
    <section
      aria-labelledby="state-heading"
      data-testid="state-notice"
      data-state={state}
      className="space-y-4"
    >
      <div className="flex gap-3 rounded-2xl border-2 border-(--state-unavailable-border) bg-(--state-unavailable-fill) p-4 text-(--state-unavailable-text)">
        <Icon name={state === "expired" ? "clock" : "x"} className="mt-1 size-6" />
        <div className="space-y-1">
          <h2 id="state-heading" className="text-xl font-semibold">
            {state === "expired" ? t("expiredTitle") : t("revokedTitle")}
          </h2>
          <p>
            {state === "expired"
              ? t("expiredBody", { until: ended, studio: studio.name })
              : t("revokedBody", { studio: studio.name })}
          </p>
        </div>
      </div>
      <ContactActions studio={studio} primary />
    </section>
  );
}
