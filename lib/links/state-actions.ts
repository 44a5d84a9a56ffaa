/**
 * Which actions a link offers in each state: ONE table, read by the dashboard (the row menu, the
 * bulk bar, the link page) and by the server where it refuses an action (revoke, extend, resend
 * and their bulk forms), so a button is never offered that the server then refuses, and an API
 * caller is refused what staff are never offered.
 *
 * - copy / qr: the guest's URL, for any link a guest can still use or could after an extension.
 * - extend: a day more (from now, for an expired link): Kisi's link is replaced behind the same
 *   URL, so it needs a confirmed Kisi link (not pending) that is not revoked.
 * - resend: the access email again, only while the link works or will (an expired link's email
 *   would invite the guest to a door that refuses them) and only to an address.
 * - revoke: while the link works, will work, or Kisi has not confirmed it yet. An expired link is
 *   already refused at every door; "revoking" it would be a no-op that reads like an act.
 */
export const LINK_LIST_STATES = ["scheduled", "active", "expired", "revoked", "pending"] as const;
export type LinkListState = (typeof LINK_LIST_STATES)[number];

export const LINK_ACTIONS = ["copy", "qr", "extend", "resend", "revoke"] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export const STATE_ACTIONS: Record<LinkListState, readonly LinkAction[]> = {
  scheduled: ["copy", "qr", "extend", "resend", "revoke"],
  active: ["copy", "qr", "extend", "resend", "revoke"],
  expired: ["copy", "qr", "extend"],
  revoked: [],
  pending: ["revoke"],
};

/** What else an action needs of the link besides its state. */
const NEEDS: Partial<Record<LinkAction, { email?: true; readable?: true }>> = {
  copy: { readable: true },
  qr: { readable: true },
  resend: { email: true, readable: true },
};

export type ActionSubject = {
  state: LinkListState;
  /** The guest has an email address. */
  hasEmail: boolean;
  /** The stored token can be read (its encryption key is still configured). */
  readable: boolean;
};

export function canDo(action: LinkAction, link: ActionSubject): boolean {
  if (!STATE_ACTIONS[link.state].includes(action)) return false;
  const needs = NEEDS[action];
  if (needs?.email && !link.hasEmail) return false;
  if (needs?.readable && !link.readable) return false;
  return true;
}

/** The actions this link offers, in the table's order. */
export function linkActions(link: ActionSubject): LinkAction[] {
  return LINK_ACTIONS.filter((action) => canDo(action, link));
}

/** The actions that can be applied to many links at once (the bulk bar, the bulk endpoint). */
export const BULK_LINK_ACTIONS = ["revoke", "extend", "resend"] as const;
export type BulkLinkAction = (typeof BULK_LINK_ACTIONS)[number];

/** An extension adds a day to the later of now and the current end. */
export function extendedUntil(validUntil: Date, now: Date): Date {
  return new Date(Math.max(now.getTime(), validUntil.getTime()) + 86_400_000);
}
