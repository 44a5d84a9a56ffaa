import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACTS } from "@/lib/contracts";
import { routePattern } from "@/lib/contracts/define";
import {
  PAGE_GUARDS,
  contractFile,
  PUBLIC_ROUTES,
  ROUTE_GUARDS,
  WITHOUT_WITH_API,
  listRouteFiles,
  type RouteFile,
} from "../../support/route-inventory";

/**
 * SECURITY.md F-4: every route handler goes through withApi (one error envelope, no stack trace)
 * and checks who is calling inside the handler itself (never only in proxy.ts, F-3), unless it is
 * on the reviewed allowlist of public routes in tests/support/route-inventory.ts.
 */

/** The body of each exported handler: from `export const GET =` to the next top-level export. */
function handlerBodies(source: string): Map<string, string> {
  const bodies = new Map<string, string>();
  const starts = [...source.matchAll(/^export\s+(?:const|async\s+function|function)\s+(\w+)/gm)];
  starts.forEach((match, i) => {
    const end = starts[i + 1]?.index ?? source.length;
    bodies.set(match[1]!, source.slice(match.index, end));
  });
  return bodies;
}

/** Problems with one route file; empty when it is fine. Pure, so the checker itself is tested. */
function routeProblems(
  route: Pick<RouteFile, "file" | "kind" | "methods" | "source" | "pattern">,
): string[] {
  const problems: string[] = [];
  const { file, source } = route;
  const isPublic = file in PUBLIC_ROUTES;
  if (route.kind === "page") {
    const guard = new RegExp(`\\b(${PAGE_GUARDS.join("|")})\\(`);
    if (!isPublic && !guard.test(source)) problems.push(`${file}: page calls no page guard`);
    if (!isPublic && file.includes("[studioId]") && !/\brequireStudioPage(Role)?\(/.test(source))
      problems.push(`${file}: a studio page must call requireStudioPage`);
    return problems;
  }

  if (route.methods.length === 0) problems.push(`${file}: exports no HTTP method`);
  const bodies = handlerBodies(source);
  // `const handle = withApi(…)` shared by several exports (the better-auth catch-all).
  const wrappedLocals = new Set(
    [...source.matchAll(/^const\s+(\w+)\s*=\s*withApi\b/gm)].map((m) => m[1]!),
  );
  for (const method of route.methods) {
    const body = bodies.get(method) ?? "";
    // `export const GET = handle(contract, service)`: who may call is the contract's to say,
    // and handle() enforces it.
    if (new RegExp(`^export\\s+const\\s+${method}\\s*=\\s*handle\\(`).test(body)) {
      problems.push(...contractProblems(file, route.pattern, method));
      continue;
    }
    if (!(file in WITHOUT_WITH_API)) {
      const wrapped =
        new RegExp(`^export\\s+const\\s+${method}\\s*=\\s*withApi\\b`).test(body) ||
        [...wrappedLocals].some((local) =>
          new RegExp(`^export\\s+const\\s+${method}\\s*=\\s*${local}\\s*;`).test(body),
        );
      if (!wrapped) problems.push(`${file}: ${method} does not go through withApi`);
    }
    if (isPublic) {
      // Public writes still need the CSRF check that guarded routes get from requireSignedIn
      // (better-auth checks the Origin of its own POSTs).
      if (method !== "GET" && method !== "HEAD" && !file.startsWith("app/api/auth/")) {
        if (!/\bassertSameOrigin\(/.test(body))
          problems.push(`${file}: public ${method} without assertSameOrigin`);
      }
      continue;
    }
    const guard = new RegExp(`\\b(${ROUTE_GUARDS.join("|")})\\(`);
    if (!guard.test(body)) problems.push(`${file}: ${method} calls no auth guard`);
    if (file.includes("[studioId]")) {
      if (!/\brequireStudioRole(OrApiToken)?\(\s*req,\s*params\.studioId\b/.test(body))
        problems.push(`${file}: ${method} does not check the caller's role for params.studioId`);
    }
  }
  return problems;
}

/** A route served through handle(): its contract must exist and say who may call. */
function contractProblems(file: string, pattern: string, method: string): string[] {
  const contract = CONTRACTS.find((c) => c.method === method && routePattern(c.path) === pattern);
  if (!contract) return [`${file}: no contract declares ${method} ${pattern}`];
  const problems: string[] = [];
  const { caller } = contract;
  // A public endpoint about a studio (its logo) is a reviewed decision with its reason.
  if (file.includes("[studioId]") && caller.kind !== "studio" && caller.kind !== "public")
    problems.push(`${file}: ${method} under a studio is not a studio caller`);
  if (caller.kind === "studio" && !file.includes("[studioId]"))
    problems.push(`${file}: ${method} is a studio caller without {studioId}`);
  if ((caller.kind === "public" || caller.kind === "visitor") && method !== "GET") {
    if (!caller.sameOrigin) problems.push(`${file}: public ${method} without a same-origin check`);
  }
  if (caller.kind === "public" && !caller.why.trim())
    problems.push(`${file}: public ${method} without a reason`);
  return problems;
}

const routes = listRouteFiles();

describe("the route inventory", () => {
  it("finds the app's routes and pages", () => {
    // A broken walk would make every other assertion here vacuous.
    expect(routes.filter((r) => r.kind === "route").length).toBeGreaterThanOrEqual(30);
    expect(routes.filter((r) => r.kind === "page").length).toBeGreaterThanOrEqual(10);
    expect(routes.map((r) => r.pattern)).toContain("/api/studios/[studioId]/links");
    expect(routes.find((r) => r.pattern === "/api/studios/[studioId]/links")?.methods).toEqual([
      "GET",
      "POST",
    ]);
  });

  it("every handler goes through withApi and an auth guard, except the reviewed public routes", () => {
    expect(routes.flatMap(routeProblems)).toEqual([]);
  });

  it("every contract is served by a route file exporting its method through handle()", () => {
    const missing = CONTRACTS.filter((c) => {
      const route = routes.find((r) => r.file === contractFile(c.path));
      return !route || !new RegExp(`export const ${c.method} = handle\\(`).test(route.source);
    }).map((c) => `${c.method} ${c.path}`);
    expect(missing).toEqual([]);
    expect(CONTRACTS.length).toBeGreaterThanOrEqual(10);
  });

  it("contract ids are unique, and no method and path is declared twice", () => {
    const ids = CONTRACTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const routesDeclared = CONTRACTS.map((c) => `${c.method} ${c.path}`);
    expect(new Set(routesDeclared).size).toBe(routesDeclared.length);
  });

  it("the allowlists name only files that exist", () => {
    const root = path.resolve(__dirname, "../../..");
    for (const file of [...Object.keys(PUBLIC_ROUTES), ...Object.keys(WITHOUT_WITH_API)])
      expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it("only public routes skip withApi", () => {
    for (const file of Object.keys(WITHOUT_WITH_API)) expect(PUBLIC_ROUTES).toHaveProperty([file]);
  });

  it("no API route under a studio is public", () => {
    const publicStudioRoutes = Object.keys(PUBLIC_ROUTES).filter((f) =>
      f.startsWith("app/api/studios/"),
    );
    expect(publicStudioRoutes).toEqual([]);
  });
});

describe("the checker itself", () => {
  const route = (file: string, source: string, methods: RouteFile["methods"] = ["GET"]) => ({
    file,
    kind: "route" as const,
    methods,
    source,
    pattern: file.replace(/^app/, "").replace(/\/route\.ts$/, ""),
  });

  it("flags a handle() route without a contract, and one whose contract is not a studio caller", () => {
    expect(
      routeProblems(
        route("app/api/studios/[studioId]/nothing/route.ts", "export const GET = handle(x, y);"),
      ),
    ).toEqual([
      "app/api/studios/[studioId]/nothing/route.ts: no contract declares GET /api/studios/[studioId]/nothing",
    ]);
    // The visitor's door list is a contract with a guest caller: under a studio it would be wrong.
    expect(
      contractProblems("app/api/studios/[studioId]/x/route.ts", "/api/access/doors", "GET"),
    ).toEqual(["app/api/studios/[studioId]/x/route.ts: GET under a studio is not a studio caller"]);
  });

  it("flags a handler without a guard, without withApi, or guarding another studio", () => {
    expect(
      routeProblems(
        route(
          "app/api/studios/[studioId]/x/route.ts",
          "export const GET = withApi(async () => x);",
        ),
      ),
    ).toEqual([
      "app/api/studios/[studioId]/x/route.ts: GET calls no auth guard",
      "app/api/studios/[studioId]/x/route.ts: GET does not check the caller's role for params.studioId",
    ]);
    expect(
      routeProblems(
        route(
          "app/api/x/route.ts",
          "export async function GET(req) { await requireSignedIn(req); }",
        ),
      ),
    ).toEqual(["app/api/x/route.ts: GET does not go through withApi"]);
    expect(
      routeProblems(
        route(
          "app/api/studios/[studioId]/y/route.ts",
          "export const GET = withApi(async ({ req }) => requireStudioRole(req, OTHER, ROLES));",
        ),
      ),
    ).toEqual([
      "app/api/studios/[studioId]/y/route.ts: GET does not check the caller's role for params.studioId",
    ]);
  });

  it("flags a guard in one handler that another handler of the file lacks", () => {
    const source = [
      "export const GET = withApi(async ({ req, params }) => { await requireStudioRole(req, params.studioId, R); });",
      "export const DELETE = withApi(async ({ req }) => { return remove(); });",
    ].join("\n");
    expect(
      routeProblems(route("app/api/studios/[studioId]/z/route.ts", source, ["GET", "DELETE"])),
    ).toContain("app/api/studios/[studioId]/z/route.ts: DELETE calls no auth guard");
  });

  it("flags a public write without a same-origin check, and an unguarded page", () => {
    expect(
      routeProblems(
        route("app/api/access/doors/route.ts", "export const POST = withApi(async () => ok);", [
          "POST",
        ]),
      ),
    ).toEqual(["app/api/access/doors/route.ts: public POST without assertSameOrigin"]);
    expect(
      routeProblems({
        file: "app/(site)/dashboard/studios/[studioId]/new/page.tsx",
        kind: "page",
        methods: ["GET"],
        pattern: "/dashboard/studios/[studioId]/new",
        source: "export default async function Page() { return <p/>; }",
      }),
    ).toHaveLength(2);
  });
});
