import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as tokenRoute from "@/app/api/studios/[studioId]/api-tokens/[tokenId]/route";
import * as tokensRoute from "@/app/api/studios/[studioId]/api-tokens/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as memberRoute from "@/app/api/studios/[studioId]/team/members/[membershipId]/route";
import { accessLinks, memberships, user } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";
import { fromClient } from "../../support/client-address";

/**
 * Issue #15, least privilege: what an API token may read, whose Idempotency-Key a request may
 * replay, where the session token travels, and what happens to a token whose creator left.
 * Through the real route handlers.
 */
let h: RouteHarness;
let owner: string;
let manager: string;
const studioId = DEMO_IDS.studio;

beforeAll(async () => {
  h = await setupRouteHarness();
  owner = await h.sessionCookie(DEMO_ACCOUNT.email);
  manager = await h.sessionCookie(DEMO_STAFF.manager.email);
});
afterAll(() => h.close());

const session = (cookie: string) => ({ cookie, origin: h.origin });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const window = () => ({
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validUntil: new Date(Date.now() + 3_600_000).toISOString(),
});

async function newToken(cookie = manager, name = "Booking") {
  const res = await h.call(
    tokensRoute.POST,
    { studioId },
    {
      method: "POST",
      path: `/api/studios/${studioId}/api-tokens`,
      headers: session(cookie),
      json: { name },
    },
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; token: string };
}

async function issue(headers: Record<string, string>, body: object) {
  const res = await h.call(
    linksRoute.POST,
    { studioId },
    { method: "POST", path: `/api/studios/${studioId}/links`, headers, json: body },
  );
  return { status: res.status, body: (await res.json()) as { id: string; url?: string } };
}

const detail = async (headers: Record<string, string>, linkId: string) => {
  const res = await h.call(
    linkRoute.GET,
    { studioId, linkId },
    { path: `/api/studios/${studioId}/links/${linkId}`, headers },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; url?: string; guestName: string };
};

describe("an API token and access URLs", () => {
  it("reads the URL of links it issued itself, and of no other link, in detail or list", async () => {
    const booking = await newToken();
    const other = await newToken(manager, "Other system");
    const byStaff = await issue(session(manager), { name: "Staff Guest", ...window() });
    const byToken = await issue(bearer(booking.token), { name: "Booked Guest", ...window() });
    const byOther = await issue(bearer(other.token), { name: "Other Guest", ...window() });
    expect([byStaff.status, byToken.status, byOther.status]).toEqual([201, 201, 201]);
    expect(byToken.body.url).toMatch(/\/access\//);

    expect((await detail(bearer(booking.token), byToken.body.id)).url).toBe(byToken.body.url);
    const staffLink = await detail(bearer(booking.token), byStaff.body.id);
    expect(staffLink.guestName).toBe("Staff Guest");
    expect(staffLink).not.toHaveProperty("url");
    expect(await detail(bearer(booking.token), byOther.body.id)).not.toHaveProperty("url");
    // Staff see every URL of their studio.
    expect((await detail(session(manager), byToken.body.id)).url).toBe(byToken.body.url);
    expect((await detail(session(owner), byStaff.body.id)).url).toBe(byStaff.body.url);

    const list = await h.call(
      linksRoute.GET,
      { studioId },
      { path: `/api/studios/${studioId}/links?pageSize=100`, headers: bearer(booking.token) },
    );
    const text = await list.text();
    expect(list.status).toBe(200);
    for (const url of [byStaff.body.url, byOther.body.url, byToken.body.url])
      expect(text).not.toContain(url!.split("/access/")[1]);
  });
});

describe("Idempotency-Key", () => {
  it("is scoped per caller: a token replaying a staff member's key and body gets its own link, never the staff link", async () => {
    const booking = await newToken();
    const body = { name: "Shared Key Guest", ...window() };
    const key = { "idempotency-key": "booking-4711" };
    const staff = await issue({ ...session(manager), ...key }, body);
    expect(staff.status).toBe(201);

    const token = await issue({ ...bearer(booking.token), ...key }, body);
    expect(token.status).toBe(201);
    expect(token.body.id).not.toBe(staff.body.id);
    expect(token.body.url).not.toBe(staff.body.url);

    // Each caller's own retry still replays its own first link.
    const tokenAgain = await issue({ ...bearer(booking.token), ...key }, body);
    expect(tokenAgain).toMatchObject({ status: 200, body: { id: token.body.id } });
    const staffAgain = await issue({ ...session(manager), ...key }, body);
    expect(staffAgain).toMatchObject({ status: 200, body: { id: staff.body.id } });
    // Another staff member's key is theirs too.
    const ownerSame = await issue({ ...session(owner), ...key }, body);
    expect(ownerSame.status).toBe(201);
    expect(ownerSame.body.id).not.toBe(staff.body.id);
  });
});

describe("the session token", () => {
  it("is in the HttpOnly cookie only, never in the JSON of sign-in or get-session", async () => {
    const signIn = await h.call(
      authRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/auth/sign-in/email",
        headers: { origin: h.origin, ...fromClient("198.51.100.250") },
        json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
      },
    );
    expect(signIn.status).toBe(200);
    const cookie = /latchkey\.session_token=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "");
    expect(cookie).toBeTruthy();
    const rawToken = decodeURIComponent(cookie![1]!).split(".")[0]!;
    const signInBody = await signIn.text();
    expect(JSON.parse(signInBody)).toMatchObject({ user: { email: DEMO_ACCOUNT.email } });
    expect(JSON.parse(signInBody)).not.toHaveProperty("token");
    expect(signInBody).not.toContain(rawToken);

    const got = await h.call(
      authRoute.GET,
      {},
      {
        path: "/api/auth/get-session",
        headers: { cookie: `latchkey.session_token=${cookie![1]}` },
      },
    );
    expect(got.status).toBe(200);
    const sessionBody = await got.text();
    const parsed = JSON.parse(sessionBody) as { session: Record<string, unknown>; user: object };
    expect(parsed.user).toMatchObject({ email: DEMO_ACCOUNT.email });
    expect(parsed.session).toHaveProperty("expiresAt");
    expect(parsed.session).not.toHaveProperty("token");
    expect(sessionBody).not.toContain(rawToken);
  });
});

describe("a token whose creator left", () => {
  it("keeps working, is flagged to owners as 'creator removed', and an owner can revoke it", async () => {
    const booking = await newToken(manager, "Left behind");
    const tokens = async () => {
      const res = await h.call(
        tokensRoute.GET,
        { studioId },
        { path: `/api/studios/${studioId}/api-tokens`, headers: session(owner) },
      );
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as {
        items: { id: string; creatorRemoved: boolean; status: string }[];
      };
      return items.find((t) => t.id === booking.id)!;
    };
    expect(await tokens()).toMatchObject({ creatorRemoved: false, status: "active" });

    const [managerUser] = await h.fx.db
      .select()
      .from(user)
      .where(eq(user.email, DEMO_STAFF.manager.email));
    const [membership] = await h.fx.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, managerUser!.id), eq(memberships.studioId, studioId)));
    const removed = await h.call(
      memberRoute.DELETE,
      { studioId, membershipId: membership!.id },
      {
        method: "DELETE",
        path: `/api/studios/${studioId}/team/members/${membership!.id}`,
        headers: session(owner),
      },
    );
    expect(removed.status, await removed.clone().text()).toBe(200);

    expect(await tokens()).toMatchObject({ creatorRemoved: true, status: "active" });
    // A booking system must not stop silently: the token still issues links.
    const still = await issue(bearer(booking.token), { name: "After Leaving", ...window() });
    expect(still.status).toBe(201);
    const [row] = await h.fx.db.select().from(accessLinks).where(eq(accessLinks.id, still.body.id));
    expect(row?.createdBy).toBe(`api-token:${booking.id}`);

    const revoke = await h.call(
      tokenRoute.DELETE,
      { studioId, tokenId: booking.id },
      {
        method: "DELETE",
        path: `/api/studios/${studioId}/api-tokens/${booking.id}`,
        headers: session(owner),
      },
    );
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toMatchObject({ status: "revoked", creatorRemoved: true });
    const after = await issue(bearer(booking.token), { name: "After Revoke", ...window() });
    expect(after.status).toBe(401);
  });
});
