"use client";

import {
  Ban,
  CalendarClock,
  CircleCheck,
  CircleDashed,
  Clock,
  Hourglass,
  Mail,
  MailCheck,
  MailWarning,
  MailX,
  Minus,
} from "lucide-react";
import { useLocale, useNow, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { LinkListState } from "@/lib/links/state-actions";
import type { EmailStatus } from "@/lib/schemas/email-status";
import { exactWhen, relativeWhen } from "@/lib/time/relative-when";

const icon = "size-3.5 shrink-0";
const STATE_LOOK: Record<LinkListState, { tone: BadgeTone; icon: ReactNode }> = {
  active: { tone: "success", icon: <CircleCheck aria-hidden="true" className={icon} /> },
  scheduled: { tone: "info", icon: <CalendarClock aria-hidden="true" className={icon} /> },
  expired: { tone: "neutral", icon: <Hourglass aria-hidden="true" className={icon} /> },
  revoked: { tone: "danger", icon: <Ban aria-hidden="true" className={icon} /> },
  pending: { tone: "warning", icon: <CircleDashed aria-hidden="true" className={icon} /> },
};

/** A link's state: colour, icon and word, so it never rests on colour alone. */
export function StateBadge({ state }: { state: LinkListState }) {
  const t = useTranslations("DashboardLinks.states");
  const look = STATE_LOOK[state];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {t(state)}
    </Badge>
  );
}

const EMAIL_ICON: Record<EmailStatus | "none", ReactNode> = {
  pending: <Clock aria-hidden="true" className={icon} />,
  sending: <Mail aria-hidden="true" className={icon} />,
  sent: <MailCheck aria-hidden="true" className={icon} />,
  captured: <MailCheck aria-hidden="true" className={icon} />,
  failed: <MailWarning aria-hidden="true" className={`${icon} text-amber-800`} />,
  dead: <MailX aria-hidden="true" className={`${icon} text-red-800`} />,
  none: <Minus aria-hidden="true" className={icon} />,
};

/** The newest email's status in words with an icon ("Sent", "Retrying", "No email"). */
export function EmailStatusLabel({ status }: { status: EmailStatus | "none" }) {
  const t = useTranslations("DashboardLinks.email");
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      {EMAIL_ICON[status]}
      {t(status)}
    </span>
  );
}

/**
 * A moment in the studio's zone, relative where that helps ("in 2 h", "yesterday 18:04"); the
 * exact date and time is the `<time>`'s title and its machine-readable value.
 */
export function When({ at, timeZone }: { at: string; timeZone: string }) {
  const locale = useLocale();
  const now = useNow({ updateInterval: 60_000 });
  const date = new Date(at);
  return (
    <time dateTime={at} title={exactWhen(date, timeZone, locale)} className="whitespace-nowrap">
      {relativeWhen(date, now, timeZone, locale)}
    </time>
  );
}
