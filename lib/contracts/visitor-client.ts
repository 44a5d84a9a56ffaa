import type { getAccessView, unlockDoor, unlockQueue } from "./access";
import { callApi, type RouteOf } from "./client";
import type { BodyInput } from "./define";
import { VISITOR_ROUTES } from "./visitor-routes";

/*
 * The guest page's calls, through callApi like the dashboard's, by the visitor contracts' routes:
 * the contracts are imported for their types only, so no zod reaches the phone
 * (tests/unit/contracts/visitor-client.test.ts checks the page's import graph).
 */
const routes = {
  view: VISITOR_ROUTES.view as RouteOf<typeof getAccessView>,
  unlock: VISITOR_ROUTES.unlock as RouteOf<typeof unlockDoor>,
  queue: VISITOR_ROUTES.queue as RouteOf<typeof unlockQueue>,
};

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const visitorApi = {
  view: (token: string, signal?: AbortSignal) =>
    callApi(routes.view, { headers: bearer(token), signal }),
  unlock: (
    token: string,
    lockId: number,
    body: BodyInput<typeof unlockDoor>,
    signal?: AbortSignal,
  ) =>
    callApi(routes.unlock, {
      params: { lockId: String(lockId) },
      body,
      headers: bearer(token),
      signal,
    }),
  queue: (token: string, lockId: number, signal?: AbortSignal) =>
    callApi(routes.queue, { params: { lockId: String(lockId) }, headers: bearer(token), signal }),
};
