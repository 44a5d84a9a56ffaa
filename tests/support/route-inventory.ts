import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CONTRACTS } from "@/lib/contracts";
import { routePattern, type Caller } from "@/lib/contracts/define";

/**
 * Every route handler and page of the app, read from the file system (SECURITY.md F-4). Shared by
 * the static inventory test (tests/unit/security/route-inventory.test.ts) and the unauthenticated
 * HTTP sweep (tests/e2e/security.spec.ts), so a new route is checked by both without editing
 * either.
 */

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteFile = {
  /** Relative to the repository root, with forward slashes: `app/api/health/route.ts`. */
  file: string;
  kind: "route" | "page";
  /** The URL pattern: `/api/studios/[studioId]/links` (route groups removed). */
  pattern: string;
  /** The HTTP methods a route.ts exports (pages: GET). */
  methods: HttpMethod[];
  source: string;
};

const ROOT = path.resolve(__dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

export function listRouteFiles(): RouteFile[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /\/(route\.ts|page\.tsx)$/.test(f))
    .map((full) => {
      const file = path.relative(ROOT, full).split(path.sep).join("/");
      const source = readFileSync(full, "utf8");
      const kind = file.endsWith("route.ts") ? ("route" as const) : ("page" as const);
      const segments = file
        .replace(/^app/, "")
        .replace(/\/(route\.ts|page\.tsx)$/, "")
        .split("/")
        .filter((s) => s && !/^\(.*\)$/.test(s));
      const methods =
        kind === "page"
          ? (["GET"] as HttpMethod[])
          : HTTP_METHODS.filter((m) =>
              new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source),
            );
      return { file, kind, pattern: `/${segments.join("/")}`, methods, source };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The route file that serves a contract's path. */
export const contractFile = (apiPath: string) => `app${routePattern(apiPath)}/route.ts`;

/** Why a contract's caller needs no signed-in user, or null when it does. */
export function publicReason(caller: Caller): string | null {
  if (caller.kind === "public") return caller.why;
  // The guest's API: the access token in `Authorization: Bearer` is the credential; unknown
  // tokens are 404 and throttled per address.
  if (caller.kind === "visitor") return "visitor API, token-authenticated";
  return null;
}

/** Routes declared by contracts whose caller is public or a guest: read from the contracts. */
const PUBLIC_BY_CONTRACT: Record<string, string> = Object.fromEntries(
  CONTRACTS.flatMap((c) => {
    const why = publicReason(c.caller);
    return why === null ? [] : [[contractFile(c.path), why]];
  }),
);

/**
 * Routes and pages that answer without a signed-in user, each with the reason it is safe: the
 * contracts' public and visitor endpoints, and the files below that have no contract. Anything
 * not listed must call a guard; a listed file that no longer exists fails the inventory test,
 * so the list cannot silently grow stale.
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  ...PUBLIC_BY_CONTRACT,
  // better-auth: only the listed endpoints are routed (lib/auth/exposed-paths.ts); those without
  // a session are sign-in itself (password, two-factor step, passkey options and assertion).
  "app/api/auth/[...all]/route.ts": "sign-in itself",
  // The guest's page and its manifest/icon: the token in the path is the credential.
  "app/access/[secret]/page.tsx": "guest page, token-authenticated",
  "app/access/[secret]/app-manifest/route.ts": "guest page manifest, token-authenticated",
  "app/access/[secret]/home-icon/route.ts": "guest page icon, token-authenticated",
  "app/access/[secret]/calendar/route.ts": "guest page calendar entry, token-authenticated",
  // The invitation page: the token in the path is the credential.
  "app/invite/[token]/page.tsx": "invitation page, token-authenticated",
  // The API reference: rendered from the OpenAPI document, describes endpoints, shows no data.
  "app/(site)/docs/api/page.tsx": "API reference",
  // Marketing home page and the sign-in form.
  "app/(site)/page.tsx": "home page",
  "app/(site)/sign-in/page.tsx": "sign-in form",
  "app/(site)/bench/baseline/page.tsx":
    "benchmark baseline: a 404 unless LATCHKEY_BENCH=1 in demo mode (lib/config benchPages)",
};

/**
 * Route handlers that do not go through withApi, and why: they answer images or a web manifest
 * (never the JSON error envelope), and have no error path but a bare 404.
 */
export const WITHOUT_WITH_API: Record<string, string> = {
  "app/access/[secret]/app-manifest/route.ts": "serves a web manifest; 404 without a body",
  "app/access/[secret]/home-icon/route.ts": "serves an SVG icon; 404 without a body",
  "app/access/[secret]/calendar/route.ts": "serves an .ics file; 404 without a body",
};

/** The guards that establish who is calling (lib/auth/guards.ts, lib/auth/session.ts, …). */
export const ROUTE_GUARDS = [
  "requireStudioRole",
  "requireStudioRoleOrApiToken",
  "requireSignedIn",
  "requireOwnerScope",
] as const;
export const PAGE_GUARDS = ["requireStudioPage", "requireStudioPageRole", "requireUser"] as const;
