/**
 * Headers every response gets (SECURITY.md, "Injected or leaked script"): next.config.ts applies them to whatever Next
 * serves, and the server wrapper (serve.ts) to the answers it gives before Next runs (a
 * malformed URL). No `server-only`: next.config.ts and the wrapper load it outside the bundler.
 */
export const BASE_SECURITY_HEADERS = [
  // Browsers ignore it over plain http (the loopback demo), and enforce it over https.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-site" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)",
  },
];

/** What an answer that loads nothing carries on top (JSON, and the wrapper's plain errors). */
export const NO_CONTENT_SECURITY_HEADERS = [
  { key: "Cache-Control", value: "no-store" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];
