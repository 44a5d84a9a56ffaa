import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { createAuth, type Auth } from "./create-auth";

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
