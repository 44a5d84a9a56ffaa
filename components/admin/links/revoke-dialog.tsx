"use client";

import { useTranslations } from "next-intl";
import { useState, type RefObject } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** "Revoke …?" for one link or a selection: names who loses access, then waits for the answer. */
export function RevokeDialog({
  open,
  onOpenChange,
  names,
  onConfirm,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  names: string[];
  onConfirm: () => Promise<unknown>;
  /** The control that opened it, focused again on close (see DialogContent). */
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("DashboardLinks.revoke");
  const [busy, setBusy] = useState(false);
  const shown = names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("cancel")} returnFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>{t("title", { count: names.length, name: names[0] ?? "" })}</DialogTitle>
          <DialogDescription>{t("body", { count: names.length, names: shown })}</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose className={buttonClass("secondary", "md")}>{t("cancel")}</DialogClose>
          <Button
            variant="dangerConfirm"
            size="md"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
                onOpenChange(false);
              }
            }}
          >
            {t("confirm", { count: names.length, name: names[0] ?? "" })}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
