import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { BASE_SECURITY_HEADERS, NO_CONTENT_SECURITY_HEADERS } from "./lib/server/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships a wasm build of PostgreSQL and `pg` has optional native bindings: load both
  // from node_modules at run time instead of bundling them.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  async headers() {
    return [
      { source: "/:path*", headers: BASE_SECURITY_HEADERS },
      {
        source: "/api/:path*",
        // JSON never needs to load anything.
        headers: NO_CONTENT_SECURITY_HEADERS,
      },
      {
        // Logos appear in emails, which webmail shows from its own origin.
        source: "/api/studio-logos/:path*",
        headers: [{ key: "Cross-Origin-Resource-Policy", value: "cross-origin" }],
      },
      {
        // The URL carries a bearer token: no Referer, no caching, no indexing (security.md A-5, G).
        source: "/access/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
      {
        // An invitation URL is a credential too: the same rules as an access link.
        source: "/invite/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
