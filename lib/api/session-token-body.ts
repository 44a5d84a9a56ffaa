import "server-only";

/**
 * better-auth answers sign-in (`{ redirect, token, user }`), get-session (`{ session: { token,
 * … }, user }`) and its other session endpoints with the session token in the JSON body. The
 * dashboard needs only the HttpOnly cookie, and a token in a body is readable by any script on
 * the page and lands in whatever logs or caches responses: so it is taken out of every JSON
 * answer of /api/auth/*, and the cookie stays the only carrier.
 */
export async function withoutSessionToken(res: Response): Promise<Response> {
  if (!/^application\/json/i.test(res.headers.get("content-type") ?? "")) return res;
  let body: unknown;
  try {
    body = await res.clone().json();
  } catch {
    return res;
  }
  if (!stripTokens(body)) return res;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
}

/** Removes `token` at the top level and in `session`; true when anything was removed. */
function stripTokens(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const record = body as Record<string, unknown>;
  let changed = false;
  if ("token" in record) {
    delete record.token;
    changed = true;
  }
  const session = record.session;
  if (typeof session === "object" && session !== null && "token" in session) {
    delete (session as Record<string, unknown>).token;
    changed = true;
  }
  return changed;
}
