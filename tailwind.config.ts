import type { Config } from "tailwindcss";

/**
 * Brand tokens. Each studio's colours are set as CSS variables at render time (with text
 * colours derived for WCAG AA contrast), so one stylesheet serves every studio: `bg-brand`,
 * `text-on-brand`, `ring-accent`… read whatever the current page defines. The defaults below
 * are Latchkey's own colours, used where no studio is in context.
 */
export default {
  theme: {
    extend: {
      colors: {
        brand: {
          DEFAULT: "var(--brand-primary, #1d4ed8)",
          contrast: "var(--brand-on-primary, #ffffff)",
          /** The brand colour adjusted for text and outlines on the page background. */
          text: "var(--brand-text, #1d4ed8)",
        },
        accent: {
          DEFAULT: "var(--brand-accent, #0f766e)",
          contrast: "var(--brand-on-accent, #ffffff)",
        },
        surface: "var(--surface, #ffffff)",
        ink: {
          DEFAULT: "var(--ink, #111827)",
          muted: "var(--ink-muted, #4b5563)",
        },
      },
      fontFamily: {
        sans: ["var(--font-inter)", "ui-sans-serif", "system-ui", "sans-serif"],
      },
    },
  },
} satisfies Config;
