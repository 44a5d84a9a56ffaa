import type { ParsedAuth } from "./auth";
import { authenticate, budgetKey } from "./auth";
import { KISI_ERRORS, KisiHttpError, kisiError } from "./errors";
import type { Query } from "./list-params";
import type { SlidingWindowLimiter } from "./rate-limit";
import type { Reply } from "./respond";
import { tooManyRequests } from "./respond";
import type { Route } from "./route-types";
import { DIRECTORY_ROUTES } from "./routes-directory";
import { GROUP_LINK_ROUTES } from "./routes-group-links";
import { LOCK_ROUTES } from "./routes-locks";
import type { EmulatorState } from "./state";
import type { ResolvedOptions } from "./types";

const ROUTES: readonly Route[] = [...GROUP_LINK_ROUTES, ...LOCK_ROUTES, ...DIRECTORY_ROUTES];

function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const got = path.split("/");
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const want = route.pattern.split("/");
    if (want.length !== got.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((segment, i) => {
      const actual = got[i] ?? "";
      if (!segment.startsWith(":")) return segment === actual;
      params[segment.slice(1)] = decodeURIComponent(actual);
      return actual.length > 0;
    });
    if (ok) return { route, params };
  }
  return undefined;
}

export interface ApiRequest {
  method: string;
  path: string;
  query: Query;
  auth: ParsedAuth;
  contentType: string;
  rawBody: string;
  remoteAddress: string;
}

export interface PipelineDeps {
  state: EmulatorState;
  options: ResolvedOptions;
  limiter: SlidingWindowLimiter;
  now(): Date;
}

/**
 * Rails only parses bodies declared as JSON; anything else reaches the controller as empty
 * params (so a client that forgets `Content-Type: application/json` sees 400/422s, as on Kisi).
 */
function parseParams(request: ApiRequest): unknown {
  if (request.rawBody.trim() === "" || !/\bjson\b/i.test(request.contentType)) return undefined;
  try {
    return JSON.parse(request.rawBody) as unknown;
  } catch {
    throw kisiError(KISI_ERRORS.invalidJson);
  }
}

/** Rate limit → routing → authentication → body → handler, as a Rack/Rails stack orders it. */
export function processApiRequest(deps: PipelineDeps, request: ApiRequest): Reply {
  const { state, options } = deps;
  const key = budgetKey(state, request.auth, options.groupLinkBudget, request.remoteAddress);
  if (!deps.limiter.tryConsume(key)) return tooManyRequests(options.retryAfterOn429);

  try {
    const match = matchRoute(request.method, request.path);
    if (!match) throw kisiError(KISI_ERRORS.endpointNotFound);
    const now = deps.now();
    const principal = authenticate(state, request.auth, match.route.auth, now, options.linkErrors);
    const body = parseParams(request);
    return match.route.handle({
      state,
      principal,
      params: match.params,
      query: request.query,
      body,
      now,
      options,
    });
  } catch (error) {
    if (error instanceof KisiHttpError) return { status: error.status, body: error.body };
    const spec = KISI_ERRORS.unexpected;
    return { status: spec.status, body: { code: spec.code, error: spec.error } };
  }
}
