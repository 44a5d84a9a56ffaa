import { cva, type VariantProps } from "class-variance-authority";
import type { ReactNode } from "react";
import { cn } from "./cn";

/*
 * A small labelled status. The tone adds colour, but every badge carries its text (and usually an
 * icon), so a state never relies on colour alone. Colours are fixed (not the studio's brand) so
 * "active" looks the same in every studio, each pair at AA contrast or better.
 */
const badge = cva(
  "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap",
  {
    variants: {
      tone: {
        success: "border-green-700/30 bg-green-50 text-green-800",
        info: "border-blue-700/30 bg-blue-50 text-blue-800",
        warning: "border-amber-700/30 bg-amber-50 text-amber-900",
        danger: "border-red-700/30 bg-red-50 text-red-800",
        neutral: "border-ink/20 bg-ink/5 text-ink-muted",
      },
    },
    defaultVariants: { tone: "neutral" },
  },
);

export type BadgeTone = NonNullable<VariantProps<typeof badge>["tone"]>;

export function Badge({
  tone,
  icon,
  children,
  className,
}: {
  tone?: BadgeTone;
  icon?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span className={cn(badge({ tone }), className)}>
      {icon}
      {children}
    </span>
  );
}
