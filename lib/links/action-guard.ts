import "server-only";
import { ApiError } from "@/lib/api/errors";
import { canDo, type LinkAction, type LinkListState } from "./state-actions";
import { linkState, type LinkLifecycle } from "./state";

/** A stored link's state as the list shows it: a link Kisi never confirmed is `pending`. */
export function listState(link: LinkLifecycle, now: Date): LinkListState {
  const state = linkState(link, now);
  return state === "unavailable" ? "pending" : state;
}

/**
 * Refuses (409 `conflict`) an action the state → actions table does not offer for this link, so
 * the server and the dashboard's menus cannot disagree. Readability is checked where the token
 * is opened (`link_unreadable`), not here.
 */
export function assertLinkAction(
  action: LinkAction,
  link: LinkLifecycle & { guestEmail: string | null },
  now: Date,
): void {
  const subject = {
    state: listState(link, now),
    hasEmail: Boolean(link.guestEmail),
    readable: true,
  };
  if (!canDo(action, subject)) throw new ApiError("conflict");
}
