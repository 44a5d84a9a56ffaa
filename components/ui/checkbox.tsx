"use client";

import { Checkbox as CheckboxPrimitive } from "radix-ui";
import { Check, Minus } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/*
 * A checkbox on Radix Checkbox (role="checkbox", Space toggles, "indeterminate" for a header that
 * selects some rows). Its hit area is 44 px even though the box is drawn smaller.
 */
export function Checkbox({ className, ...rest }: ComponentProps<typeof CheckboxPrimitive.Root>) {
  return (
    <CheckboxPrimitive.Root
      className={cn(
        "focus-ring peer relative inline-flex size-5 shrink-0 items-center justify-center rounded border border-ink/50 bg-surface before:absolute before:-inset-3 before:content-[''] data-[state=checked]:border-brand data-[state=checked]:bg-brand data-[state=checked]:text-brand-contrast data-[state=indeterminate]:border-brand data-[state=indeterminate]:bg-brand data-[state=indeterminate]:text-brand-contrast",
        className,
      )}
      {...rest}
    >
      <CheckboxPrimitive.Indicator className="group">
        {rest.checked === "indeterminate" ? (
          <Minus aria-hidden="true" className="size-4" />
        ) : (
          <Check aria-hidden="true" className="size-4" />
        )}
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}
