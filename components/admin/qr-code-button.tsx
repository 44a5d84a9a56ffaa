"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { linkQrCode } from "@/lib/contracts/exports";

type Props = { studioId: string; linkId: string; guestName: string; className?: string };

/**
 * "QR code" for a link: a modal dialog (native <dialog>: focus moves in, Escape closes, focus
 * returns to the button) with the SVG the server draws from the link's URL. Only an answer that
 * is an SVG is drawn; anything else says it failed (and why, when the server said), and opening
 * the dialog again tries again.
 */
export function QrCodeButton({ studioId, linkId, guestName, className }: Props) {
  const t = useTranslations("QrCode");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [svg, setSvg] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function open() {
    dialog.current?.showModal();
    if (svg) return;
    setFailure(null);
    try {
      const image = await callApi(linkQrCode, { params: { studioId, linkId } });
      const text = await image.text();
      if (!image.type.startsWith("image/svg+xml") || !/<svg[\s>]/.test(text))
        throw new Error("not an SVG");
      setSvg(text);
    } catch (error) {
      const reason = error instanceof ApiRequestError ? error.message : "";
      setFailure([t("loadFailed"), reason].filter(Boolean).join(" "));
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void open()}
        className={className ?? "min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium"}
      >
        {t("open")}
        <span className="sr-only"> — {guestName}</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-sm rounded-xl bg-surface p-5 text-ink shadow-xl backdrop:bg-ink/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {t("title", { name: guestName })}
        </h2>
        <p className="mt-1 text-sm text-ink-muted">{t("hint")}</p>
        <div className="mt-4 flex min-h-64 items-center justify-center bg-white" aria-live="polite">
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
        <form method="dialog" className="mt-4 flex justify-end">
          <button
            type="submit"
            className="min-h-11 rounded-lg bg-ink px-4 font-medium text-surface"
          >
            {t("close")}
          </button>
        </form>
      </dialog>
    </>
  );
}
