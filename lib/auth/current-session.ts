import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";
import { session as sessions } from "@/lib/db/schema";
import { SESSION_ABSOLUTE_SECONDS, type Auth } from "./create-auth";

/**
 * The request's session, if it is still within its absolute lifetime. better-auth slides a
 * session's expiry forward while it is used and has no absolute cap, so a stolen cookie kept in
 * use would live for ever; past SESSION_ABSOLUTE_SECONDS the session is deleted and the person
 * signs in again. Every page and route handler reads the session through here.
 */
export async function currentSession(auth: Auth, db: Db, headers: Headers, now = new Date()) {
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const ageMs = now.getTime() - new Date(found.session.createdAt).getTime();
  if (ageMs > SESSION_ABSOLUTE_SECONDS * 1000) {
    await db.delete(sessions).where(eq(sessions.id, found.session.id));
    return null;
  }
  return found;
}
