import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { BASE_SECURITY_HEADERS, NO_CONTENT_SECURITY_HEADERS } from "./lib/server/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The deployable artifact: .next/standalone holds a minimal server and only the node_modules
  // it traces, so an image needs neither npm nor the dev dependencies. Its entry point is our
  // own wrapper (lib/server/serve.ts, bundled by scripts/build-standalone.mjs), never Next's
  // server.js, so the artifact keeps the trusted client address and the 400 on malformed URLs.
  output: "standalone",
  reactStrictMode: true,
  // The guest's page, invitations and the rest of the site are separate root layouts (each knows
  // its language from a different place), so a URL that matches no route has no layout of its
  // own: app/global-not-found.tsx renders its whole document.
  experimental: { globalNotFound: true },
  // PGlite ships a wasm build of PostgreSQL and `pg` has optional native bindings: load both
  // from node_modules at run time instead of bundling them. prom-client too, so every route
  // and the server wrapper share one copy (lib/metrics/registry.ts).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "prom-client"],
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
        // The URL carries a bearer token: no Referer, no caching, no indexing (SECURITY.md A-5, G).
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
