"use client";

import { Ban, CalendarPlus, Copy, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { linkActions, type ActionSubject } from "@/lib/links/state-actions";
import { RevokeDialog } from "./links/revoke-dialog";
import { useLinkActions } from "./links/use-link-actions";
import { QrCodeButton } from "./qr-code-button";

type Props = {
  studioId: string;
  linkId: string;
  guestName: string;
  validUntil: string;
} & ActionSubject;

/**
 * The link's actions on its page: the same state → actions table and the same calls as the
 * table's row menu, laid out as buttons since the page has the room. The page is rendered
 * again on the server after each one.
 */
export function LinkDetailActions(props: Props) {
  const t = useTranslations("DashboardLinks.actions");
  const tDetail = useTranslations("DashboardLinks.detail");
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const link = { id: props.linkId, guestName: props.guestName, validUntil: props.validUntil };
  const actions = useLinkActions(props.studioId, () => router.refresh());
  const offered = linkActions(props);
  if (offered.length === 0) return <p className="text-ink-muted">{tDetail("noActions")}</p>;
  return (
    <div className="flex flex-wrap gap-2">
      {offered.includes("copy") && (
        <Button onClick={() => void actions.copy(link)} className="inline-flex items-center gap-2">
          <Copy aria-hidden="true" className="size-4" />
          {t("copy")}
        </Button>
      )}
      {offered.includes("qr") && (
        <QrCodeButton studioId={props.studioId} linkId={props.linkId} guestName={props.guestName} />
      )}
      {offered.includes("extend") && (
        <Button
          onClick={() => void actions.extend(link)}
          className="inline-flex items-center gap-2"
        >
          <CalendarPlus aria-hidden="true" className="size-4" />
          {t("extend")}
        </Button>
      )}
      {offered.includes("resend") && (
        <Button
          onClick={() => void actions.resend(link)}
          className="inline-flex items-center gap-2"
        >
          <Send aria-hidden="true" className="size-4" />
          {t("resend")}
        </Button>
      )}
      {offered.includes("revoke") && (
        <>
          <Button
            variant="danger"
            onClick={() => setConfirm(true)}
            className="inline-flex items-center gap-2"
          >
            <Ban aria-hidden="true" className="size-4" />
            {t("revoke")}
          </Button>
          <RevokeDialog
            open={confirm}
            onOpenChange={setConfirm}
            names={[props.guestName]}
            onConfirm={() => actions.revoke(link)}
          />
        </>
      )}
    </div>
  );
}
