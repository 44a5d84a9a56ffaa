"use client";

import { Ban, CalendarPlus, Copy, ExternalLink, MoreHorizontal, QrCode, Send } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, type ReactNode } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { linkActions, type ActionSubject, type LinkAction } from "@/lib/links/state-actions";
import { QrCodeDialog } from "../qr-code-button";
import { RevokeDialog } from "./revoke-dialog";
import type { LinkRef, useLinkActions } from "./use-link-actions";

const ICONS: Record<LinkAction, ReactNode> = {
  copy: <Copy aria-hidden="true" className="size-4" />,
  qr: <QrCode aria-hidden="true" className="size-4" />,
  extend: <CalendarPlus aria-hidden="true" className="size-4" />,
  resend: <Send aria-hidden="true" className="size-4" />,
  revoke: <Ban aria-hidden="true" className="size-4" />,
};

type Props = {
  studioId: string;
  link: LinkRef & ActionSubject;
  actions: ReturnType<typeof useLinkActions>;
  /** The row's compact trigger, or the link page's labelled one. */
  trigger?: "icon" | "labelled";
};

/**
 * A link's one menu (…): the actions its state allows, from lib/links/state-actions.ts (the same
 * table the server refuses by), so an expired link offers no Revoke. Revoke asks first.
 */
export function LinkRowMenu({ studioId, link, actions, trigger = "icon" }: Props) {
  const t = useTranslations("DashboardLinks.actions");
  const [qr, setQr] = useState(false);
  const [confirm, setConfirm] = useState(false);
  // Dialogs opened from the menu hand focus back to its trigger: the item that opened them is gone.
  const triggerRef = useRef<HTMLButtonElement>(null);
  const offered = linkActions(link);
  const run: Record<LinkAction, () => void> = {
    copy: () => void actions.copy(link),
    qr: () => setQr(true),
    extend: () => void actions.extend(link),
    resend: () => void actions.resend(link),
    revoke: () => setConfirm(true),
  };
  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          ref={triggerRef}
          className={
            trigger === "icon"
              ? "focus-ring inline-flex h-7 w-10 items-center justify-center rounded-md text-ink-muted hover:bg-ink/5 hover:text-ink data-[state=open]:bg-ink/10 pointer-coarse:h-10 pointer-coarse:w-11"
              : "focus-ring inline-flex min-h-11 items-center gap-2 rounded-lg border border-ink/30 px-4 font-medium"
          }
          aria-label={trigger === "icon" ? t("menuFor", { name: link.guestName }) : undefined}
        >
          <MoreHorizontal aria-hidden="true" className="size-5" />
          {trigger === "labelled" && t("menu")}
        </DropdownMenuTrigger>
        <DropdownMenuContent aria-label={t("menuFor", { name: link.guestName })}>
          {trigger === "icon" && (
            <DropdownMenuItem asChild>
              <Link href={`/dashboard/studios/${studioId}/links/${link.id}`}>
                <ExternalLink aria-hidden="true" className="size-4" />
                {t("details")}
              </Link>
            </DropdownMenuItem>
          )}
          {offered.length === 0 && <DropdownMenuItem disabled>{t("nothing")}</DropdownMenuItem>}
          {offered.map((action) => (
            <div key={action}>
              {action === "revoke" && offered.length > 1 && <DropdownMenuSeparator />}
              <DropdownMenuItem destructive={action === "revoke"} onSelect={run[action]}>
                {ICONS[action]}
                {t(action)}
              </DropdownMenuItem>
            </div>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {offered.includes("qr") && (
        <QrCodeDialog
          studioId={studioId}
          linkId={link.id}
          guestName={link.guestName}
          open={qr}
          onOpenChange={setQr}
          returnFocus={triggerRef}
        />
      )}
      <RevokeDialog
        open={confirm}
        onOpenChange={setConfirm}
        names={[link.guestName]}
        onConfirm={() => actions.revoke(link)}
        returnFocus={triggerRef}
      />
    </>
  );
}
