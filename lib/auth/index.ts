import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { createAuth, type Auth } from "./create-auth";
import { currentSession } from "./current-session";

const globalForAuth = globalThis as unknown as { latchkeyAuth?: Promise<Auth> };

/** The server's auth instance, created on first use (it needs the database). */
export function getAuth(): Promise<Auth> {
  globalForAuth.latchkeyAuth ??= getDb()
    .then((db) => createAuth(db, getConfig()))
    .catch((error: unknown) => {
      globalForAuth.latchkeyAuth = undefined;
      throw error;
    });
  return globalForAuth.latchkeyAuth;
}

/**
 * The request's session within its absolute lifetime (see current-session.ts), or null. Every
 * page and route reads sessions through here, never through better-auth directly.
 */
export async function getSession(headers: Headers) {
  return currentSession(await getAuth(), await getDb(), headers);
}
