import { describe, expect, it } from "vitest";
import {
  LINK_LIST_STATES,
  canDo,
  extendedUntil,
  linkActions,
  type LinkListState,
} from "@/lib/links/state-actions";

/**
 * The state → actions table, written out here by hand: a change to lib/links/state-actions.ts
 * must change this table too, on purpose. A link with an address and a readable token.
 */
const EXPECTED: Record<LinkListState, string[]> = {
  scheduled: ["copy", "qr", "extend", "resend", "revoke"],
  active: ["copy", "qr", "extend", "resend", "revoke"],
  expired: ["copy", "qr", "extend"],
  revoked: [],
  pending: ["revoke"],
};

describe("the state → actions table", () => {
  it.each(LINK_LIST_STATES)("offers a %s link exactly its actions", (state) => {
    expect(linkActions({ state, hasEmail: true, readable: true })).toEqual(EXPECTED[state]);
  });

  it("never offers Revoke on an expired or a revoked link", () => {
    for (const state of ["expired", "revoked"] as const)
      expect(canDo("revoke", { state, hasEmail: true, readable: true })).toBe(false);
  });

  it("offers no resend without an address, and no copy, QR or resend for an unreadable token", () => {
    expect(linkActions({ state: "active", hasEmail: false, readable: true })).toEqual([
      "copy",
      "qr",
      "extend",
      "revoke",
    ]);
    expect(linkActions({ state: "active", hasEmail: true, readable: false })).toEqual([
      "extend",
      "revoke",
    ]);
  });

  it("extends by a day from the later of now and the end", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(extendedUntil(new Date("2026-03-01T18:00:00Z"), now).toISOString()).toBe(
      "2026-03-02T18:00:00.000Z",
    );
    expect(extendedUntil(new Date("2026-02-20T08:00:00Z"), now).toISOString()).toBe(
      "2026-03-02T12:00:00.000Z",
    );
  });
});
