"use client";

import { Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import type { ComponentProps, ReactNode, RefObject } from "react";
import { cn } from "./cn";

/*
 * Dialogs and side sheets on Radix Dialog (focus trap, Escape, focus return, aria-modal), composed
 * the way shadcn/ui does. A sheet is the same dialog docked to the right edge (full width on a
 * phone), for work that keeps the page behind it in view, e.g. issuing a link.
 */
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

function Overlay() {
  return (
    <DialogPrimitive.Overlay className="data-[state=open]:animate-in fixed inset-0 z-40 bg-ink/40" />
  );
}

type ContentProps = ComponentProps<typeof DialogPrimitive.Content> & {
  /** The close button's accessible name, in the user's language. */
  closeLabel: string;
  side?: "center" | "right";
  /**
   * Where focus goes when it closes. Radix returns focus to what was focused when it opened, but
   * a dialog opened from a menu item (gone by then) or whose opener re-rendered would drop focus
   * on <body>; naming the opener keeps a keyboard user where they were.
   */
  returnFocus?: RefObject<HTMLElement | null>;
};

export function DialogContent({
  className,
  children,
  closeLabel,
  side = "center",
  returnFocus,
  onCloseAutoFocus,
  ...rest
}: ContentProps) {
  return (
    <DialogPrimitive.Portal>
      <Overlay />
      <DialogPrimitive.Content
        className={cn(
          "fixed z-50 flex flex-col gap-4 bg-surface text-ink shadow-xl outline-none",
          side === "center"
            ? "top-1/2 left-1/2 max-h-[90dvh] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl p-6"
            : "inset-y-0 right-0 h-dvh w-full overflow-y-auto p-5 sm:max-w-lg sm:border-l sm:border-ink/15",
          className,
        )}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          const opener = returnFocus?.current;
          if (event.defaultPrevented || !opener?.isConnected) return;
          event.preventDefault();
          opener.focus();
        }}
        {...rest}
      >
        {children}
        <DialogPrimitive.Close
          className="focus-ring absolute top-3 right-3 inline-flex size-11 items-center justify-center rounded-lg text-ink-muted hover:bg-ink/5 hover:text-ink"
          aria-label={closeLabel}
        >
          <X aria-hidden="true" className="size-5" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ children }: { children: ReactNode }) {
  return <div className="space-y-1 pr-10">{children}</div>;
}

export function DialogTitle({ className, ...rest }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={cn("text-xl font-semibold", className)} {...rest} />;
}

export function DialogDescription({
  className,
  ...rest
}: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={cn("text-ink-muted", className)} {...rest} />;
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="mt-2 flex flex-wrap justify-end gap-2">{children}</div>;
}
