import { useTranslations } from "next-intl";

/** The end of a link, in the studio's words: expired or cancelled, and whom to ask. */
export function StateNotice({
  state,
  studioName,
  until,
}: {
  state: "expired" | "revoked";
  studioName: string;
  until: string;
}) {
  const t = useTranslations("AccessPage.states");
  return (
    <section
      role="status"
      aria-labelledby="state-heading"
      className="space-y-2 rounded-2xl border border-ink/15 p-5"
    >
      <h2 id="state-heading" className="text-xl font-semibold">
        {state === "expired" ? t("expiredTitle") : t("revokedTitle")}
      </h2>
      <p>
        {state === "expired"
          ? t("expiredBody", { until, studio: studioName })
          : t("revokedBody", { studio: studioName })}
      </p>
    </section>
  );
}
