/**
 * The visitor endpoints' ids, methods and paths — and nothing else, so this module carries no
 * zod. `lib/contracts/access.ts` builds the contracts from these (schemas, errors, docs), and the
 * guest page calls them through `visitor-client.ts` without shipping the schemas to a phone: the
 * page's JavaScript budget is tight (docs/guest-page.md) and the server validates anyway.
 */
export const VISITOR_ROUTES = {
  view: { id: "access.view", method: "GET", path: "/api/access/doors" },
  unlock: { id: "access.unlock", method: "POST", path: "/api/access/doors/{lockId}/unlock" },
  queue: { id: "access.queue", method: "GET", path: "/api/access/doors/{lockId}/queue" },
} as const;
