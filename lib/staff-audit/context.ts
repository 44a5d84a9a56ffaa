import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** Who is making a staff change, as the auth guards resolved it. */
export type StaffActorRef =
  { kind: "user"; userId: string } | { kind: "api_token"; tokenId: string } | { kind: "system" };

type RequestContext = { headers: Headers | null; actor: StaffActorRef | null };

/**
 * The request a staff change happens in, so the services record who and from where without
 * every route passing it down: withApi opens one context per request, the auth guards fill in
 * the actor once they know it. Kept on globalThis: Next loads a copy of this module per route
 * bundle, and they must share one store.
 */
const KEY = Symbol.for("latchkey.staffAuditContext");
const globals = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext>>;
const storage: AsyncLocalStorage<RequestContext> = (globals[KEY] ??=
  new AsyncLocalStorage<RequestContext>());

export function runInRequestContext<T>(headers: Headers, fn: () => Promise<T>): Promise<T> {
  return storage.run({ headers, actor: null }, fn);
}

/** Called by the guards once the caller is known. Outside a request it does nothing. */
export function setStaffActor(actor: StaffActorRef): void {
  const store = storage.getStore();
  if (store) store.actor = actor;
}

export function currentRequestContext(): RequestContext {
  return storage.getStore() ?? { headers: null, actor: null };
}
