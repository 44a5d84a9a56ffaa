import { clsx } from "clsx";
import type { ButtonHTMLAttributes, Ref } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "dangerConfirm" | "ink";
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand font-semibold text-brand-contrast disabled:opacity-70",
  secondary: "border border-ink/30 font-medium",
  danger: "border border-red-800 font-medium text-red-800",
  dangerConfirm: "bg-red-800 font-semibold text-white",
  ink: "bg-ink font-medium text-surface",
};
const SIZES: Record<ButtonSize, string> = {
  sm: "min-h-11 px-3 text-sm",
  md: "min-h-11 px-4",
  lg: "min-h-12 px-5",
};

/**
 * The dashboard's button looks, every one at least 44 px tall (WCAG 2.5.5 target size). Also
 * for links styled as buttons.
 */
export function buttonClass(
  variant: ButtonVariant = "secondary",
  size: ButtonSize = "sm",
  className?: string,
) {
  return clsx("rounded-lg", SIZES[size], VARIANTS[variant], className);
}

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  ref?: Ref<HTMLButtonElement>;
};

/** A button (type="button" unless told otherwise) in one of the dashboard's looks. */
export function Button({ variant, size, className, type = "button", ...rest }: Props) {
  return <button type={type} className={buttonClass(variant, size, className)} {...rest} />;
}
