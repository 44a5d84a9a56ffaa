"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { linkQrCode } from "@/lib/contracts/exports";
import { buttonClass } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

type Target = { studioId: string; linkId: string; guestName: string };

/**
 * A link's QR code in a dialog (Radix: focus moves in, Escape closes, focus returns to whatever
 * opened it — a button or a row menu). Only an answer that is an SVG is drawn; anything else
 * says it failed (and why, when the server said), and opening it again tries again.
 */
export function QrCodeDialog({
  studioId,
  linkId,
  guestName,
  open,
  onOpenChange,
  returnFocus,
}: Target & {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The control that opened it, focused again on close (see DialogContent). */
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("QrCode");
  const [svg, setSvg] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!open || svg) return;
    let current = true;
    (async () => {
      try {
        const image = await callApi(linkQrCode, { params: { studioId, linkId } });
        const text = await image.text();
        if (!image.type.startsWith("image/svg+xml") || !/<svg[\s>]/.test(text))
          throw new Error("not an SVG");
        if (current) setSvg(text);
      } catch (error) {
        const reason = error instanceof ApiRequestError ? error.message : "";
        if (current) setFailure([t("loadFailed"), reason].filter(Boolean).join(" "));
      }
    })();
    return () => {
      current = false;
    };
  }, [open, svg, studioId, linkId, t]);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // A failure is forgotten on close, so opening it again tries again.
        if (!next) setFailure(null);
        onOpenChange(next);
      }}
    >
      <DialogContent closeLabel={t("close")} className="max-w-sm" returnFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>{t("title", { name: guestName })}</DialogTitle>
          <DialogDescription className="text-sm">{t("hint")}</DialogDescription>
        </DialogHeader>
        <div className="flex min-h-64 items-center justify-center bg-white" aria-live="polite">
          {svg ? (
            <div
              role="img"
              aria-label={t("image", { name: guestName })}
              className="w-64 [&_svg]:h-auto [&_svg]:w-full"
              // The server's own qrcode output for our own URL: no user-supplied markup.
              dangerouslySetInnerHTML={{ __html: svg }}
            />
          ) : (
            <p role={failure ? "alert" : undefined}>{failure ?? t("loading")}</p>
          )}
        </div>
        <DialogFooter>
          <DialogClose className={buttonClass("ink", "md")}>{t("close")}</DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** "QR code" as a button of its own (the link page, the issue sheet's result). */
export function QrCodeButton({ className, ...target }: Target & { className?: string }) {
  const t = useTranslations("QrCode");
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={() => setOpen(true)}
        className={className ?? buttonClass("secondary", "sm")}
      >
        {t("open")}
        <span className="sr-only"> — {target.guestName}</span>
      </button>
      <QrCodeDialog {...target} open={open} onOpenChange={setOpen} returnFocus={opener} />
    </>
  );
}
