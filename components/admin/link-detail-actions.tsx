"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { LiveStatus } from "@/components/ui/feedback";
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
  const api = `/api/studios/${studioId}/links/${linkId}`;

  async function copy() {
    const res = await fetch(api, { cache: "no-store" });
    if (!res.ok) return;
    await navigator.clipboard?.writeText(((await res.json()) as { url: string }).url);
    setNotice(t("copied"));
  }
  async function extend() {
    const until = new Date(Math.max(Date.now(), Date.parse(props.validUntil)) + 86_400_000);
    const res = await fetch(api, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ validUntil: until.toISOString() }),
    });
    setNotice(
      res.ok
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
    const res = await fetch(`${api}/email`, { method: "POST" });
    setNotice(res.ok ? t("resent") : t("resendFailed"));
    router.refresh();
  }
  async function revoke() {
    setConfirming(false);
    const res = await fetch(api, { method: "DELETE" });
    setNotice(res.ok ? t("revoked") : t("revokeFailed"));
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
