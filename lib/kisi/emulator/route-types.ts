import type { AuthKind, Principal } from "./auth";
import type { Query } from "./list-params";
import type { EmulatorState } from "./state";
import type { ResolvedOptions } from "./types";

export interface RouteContext {
  state: EmulatorState;
  principal: Principal;
  params: Record<string, string>;
  query: Query;
  /** Parsed JSON params; undefined when there was no JSON body. */
  body: unknown;
  now: Date;
  options: ResolvedOptions;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** `/locks/:id/unlock` style. */
  pattern: string;
  auth: readonly AuthKind[];
  handle(ctx: RouteContext): RouteResult;
}

export const LOGIN_ONLY: readonly AuthKind[] = ["login"];
export const LOGIN_OR_LINK: readonly AuthKind[] = ["login", "group_link"];
