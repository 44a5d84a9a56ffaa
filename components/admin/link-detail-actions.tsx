"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { LiveStatus } from "@/components/ui/feedback";
import { callApi, succeeded } from "@/lib/contracts/client";
import { changeLinkWindow, getLink, resendLinkEmail, revokeLink } from "@/lib/contracts/links";
import { QrCodeButton } from "./qr-code-button";

type Props = {
  studioId: string;
  linkId: string;
  guestName: string;
  state: string;
  hasEmail: boolean;
  validUntil: string;
  timeZone: string;
};

/**
 * The link's actions on its detail page, through the same Studio API the links table uses;
 * the page is re-rendered on the server after each one.
 */
export function LinkDetailActions(props: Props) {
  const { studioId, linkId, guestName, state } = props;
  const t = useTranslations("LinkDetailPage");
  const format = useFormatter();
  const router = useRouter();
  const [notice, setNotice] = useState("");
  const [confirming, setConfirming] = useState(false);
  const params = { studioId, linkId };

  async function copy() {
    const detail = await callApi(getLink, { params }).catch(() => null);
    if (!detail?.url) return;
    await navigator.clipboard?.writeText(detail.url);
    setNotice(t("copied"));
  }
  async function extend() {
    const until = new Date(Math.max(Date.now(), Date.parse(props.validUntil)) + 86_400_000);
    const ok = await succeeded(
      callApi(changeLinkWindow, { params, body: { validUntil: until.toISOString() } }),
    );
    setNotice(
      ok
        ? t("extended", {
            until: format.dateTime(until, {
              dateStyle: "medium",
              timeStyle: "short",
              timeZone: props.timeZone,
            }),
          })
        : t("extendFailed"),
    );
    router.refresh();
  }
  async function resend() {
    const ok = await succeeded(callApi(resendLinkEmail, { params }));
    setNotice(ok ? t("resent") : t("resendFailed"));
    router.refresh();
  }
  async function revoke() {
    setConfirming(false);
    const ok = await succeeded(callApi(revokeLink, { params }));
    setNotice(ok ? t("revoked") : t("revokeFailed"));
    router.refresh();
  }

  const live = state === "active" || state === "scheduled";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void copy()}>{t("copy")}</Button>
        <QrCodeButton studioId={studioId} linkId={linkId} guestName={guestName} />
        {(live || state === "expired") && (
          <Button onClick={() => void extend()}>{t("extend")}</Button>
        )}
        {props.hasEmail && live && <Button onClick={() => void resend()}>{t("resend")}</Button>}
        {state !== "revoked" && (
          <ConfirmButton
            confirming={confirming}
            onAsk={() => setConfirming(true)}
            onConfirm={() => void revoke()}
            label={t("revoke")}
            confirmLabel={t("revokeConfirm")}
          />
        )}
      </div>
      <LiveStatus>{notice}</LiveStatus>
    </div>
  );
}
