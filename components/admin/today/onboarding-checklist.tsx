import { CheckCircle2, Circle, XCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import type { StudioOnboarding } from "@/lib/schemas/onboarding";
import { TestLinkButton } from "./test-link-button";

/** Where each step is done: the settings section that holds it. */
const STEP_SECTION = {
  key: "kisi",
  group: "kisi",
  doors: "doors",
  branding: "branding",
  testLink: null,
} as const;

/**
 * The way to a studio's first guest: key → group → doors → branding → a test link to yourself.
 * Each step says whether it is done (icon and words, not colour alone) and links to where it is
 * done; managers get the links, front desk is told to ask one. The test link is one click.
 */
export function OnboardingChecklist({
  studioId,
  onboarding,
  canManage,
  email,
}: {
  studioId: string;
  onboarding: StudioOnboarding;
  canManage: boolean;
  email: string;
}) {
  const t = useTranslations("Onboarding");
  const next = onboarding.steps.find((s) => s.state !== "done")?.id;
  return (
    <section
      aria-labelledby="onboarding-heading"
      className="space-y-3 rounded-xl border border-amber-700/30 bg-amber-50/60 p-4"
    >
      <h2 id="onboarding-heading" className="text-xl font-semibold">
        {onboarding.connected ? t("almostHeading") : t("heading")}
      </h2>
      {!onboarding.connected && onboarding.reason && <p>{t(`reason.${onboarding.reason}`)}</p>}
      {!canManage && <p className="text-ink-muted">{t("askManager")}</p>}
      <ol className="space-y-2">
        {onboarding.steps.map((step, index) => {
          const section = STEP_SECTION[step.id];
          const Icon =
            step.state === "done" ? CheckCircle2 : step.state === "problem" ? XCircle : Circle;
          return (
            <li
              key={step.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg bg-surface p-3"
            >
              <Icon
                aria-hidden="true"
                className={
                  step.state === "done"
                    ? "size-5 text-green-700"
                    : step.state === "problem"
                      ? "size-5 text-red-700"
                      : "size-5 text-ink-muted"
                }
              />
              <span className="min-w-48 flex-1">
                <span className="font-medium">
                  {index + 1}. {t(`steps.${step.id}.title`)}
                </span>{" "}
                <span className="text-sm text-ink-muted">— {t(`state.${step.state}`)}</span>
                <span className="block text-sm text-ink-muted">{t(`steps.${step.id}.hint`)}</span>
              </span>
              {section && canManage && step.state !== "done" && (
                <Link
                  href={`/dashboard/studios/${studioId}/settings?section=${section}`}
                  className={buttonClass(
                    next === step.id ? "primary" : "secondary",
                    "sm",
                    "inline-flex items-center",
                  )}
                >
                  {t(`steps.${step.id}.action`)}
                </Link>
              )}
              {step.id === "testLink" && onboarding.connected && (
                <TestLinkButton studioId={studioId} email={email} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
