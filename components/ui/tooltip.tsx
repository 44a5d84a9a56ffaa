"use client";

import { Tooltip as TooltipPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/*
 * Tooltips on Radix Tooltip: shown on hover and keyboard focus, dismissed with Escape. Only for
 * extra detail — never the only place a control's name or a state is given (touch users
 * cannot hover).
 */
export const TooltipProvider = TooltipPrimitive.Provider;
export const Tooltip = TooltipPrimitive.Root;
export const TooltipTrigger = TooltipPrimitive.Trigger;

export function TooltipContent({
  className,
  sideOffset = 4,
  ...rest
}: ComponentProps<typeof TooltipPrimitive.Content>) {
  return (
    <TooltipPrimitive.Portal>
      <TooltipPrimitive.Content
        sideOffset={sideOffset}
        className={cn(
          "z-50 max-w-xs rounded-md bg-ink px-3 py-1.5 text-sm text-surface",
          className,
        )}
        {...rest}
      />
    </TooltipPrimitive.Portal>
  );
}
