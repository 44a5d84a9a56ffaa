"use client";

import { DropdownMenu as Menu } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/*
 * Menus on Radix DropdownMenu (roving focus, arrow keys, typeahead, Escape returns focus to the
 * trigger). Used for a row's actions (…) and the account menu, so a row shows one button instead
 * of five.
 */
export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuGroup = Menu.Group;
export const DropdownMenuRadioGroup = Menu.RadioGroup;

export function DropdownMenuContent({
  className,
  sideOffset = 4,
  align = "end",
  ...rest
}: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        sideOffset={sideOffset}
        align={align}
        className={cn(
          "z-50 min-w-48 rounded-lg border border-ink/15 bg-surface p-1 text-ink shadow-lg",
          className,
        )}
        {...rest}
      />
    </Menu.Portal>
  );
}

const ITEM =
  "flex min-h-11 cursor-default items-center gap-2 rounded-md px-3 text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-ink/5";

export function DropdownMenuItem({
  className,
  destructive,
  ...rest
}: ComponentProps<typeof Menu.Item> & { destructive?: boolean }) {
  return <Menu.Item className={cn(ITEM, destructive && "text-red-800", className)} {...rest} />;
}

export function DropdownMenuRadioItem({
  className,
  children,
  ...rest
}: ComponentProps<typeof Menu.RadioItem>) {
  return (
    <Menu.RadioItem className={cn(ITEM, "relative pl-8", className)} {...rest}>
      <Menu.ItemIndicator className="absolute left-3" aria-hidden="true">
        ●
      </Menu.ItemIndicator>
      {children}
    </Menu.RadioItem>
  );
}

export function DropdownMenuLabel({ className, ...rest }: ComponentProps<typeof Menu.Label>) {
  return (
    <Menu.Label
      className={cn("px-3 py-2 text-xs font-semibold text-ink-muted", className)}
      {...rest}
    />
  );
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="my-1 h-px bg-ink/10" />;
}
