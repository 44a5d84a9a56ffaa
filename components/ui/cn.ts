import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Class names joined, with later Tailwind utilities winning over earlier ones (`px-3` then
 * `px-4` keeps `px-4`), so a caller's `className` can override a primitive's defaults.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
