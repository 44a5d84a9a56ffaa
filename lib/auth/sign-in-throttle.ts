import { createHmac } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";
import { signInThrottle } from "@/lib/db/schema";

/**
 * The per-account sign-in throttle, on top of better-auth's per-address one (5 a minute). Its
 * design goal: slow down guessing one account's password from anywhere, without ever giving an
 * attacker a way to lock the real person out for good.
 *
 * - Per account and address (`pair`): after PAIR_FREE failures, each further failure from that
 *   address for that account doubles a wait (2 s, 4 s, … capped at MAX_BLOCK_S). Another address
 *   is not affected: the real person elsewhere signs in as usual.
 * - Per account across all addresses (`account`): after ACCOUNT_FREE failures — a guesser
 *   rotating addresses — the same doubling wait applies to every address that has not signed in
 *   to this account successfully before. Addresses that have (`known`, kept KNOWN_DAYS) skip it,
 *   so a botnet cannot keep the owner out of their own office.
 * - Nothing is permanent: a wait is at most MAX_BLOCK_S, and counters untouched for DECAY_S
 *   start again from zero. A success clears its own pair, never the account-wide counter (the
 *   owner signing in must not reset an attacker's count elsewhere).
 * - While a wait runs, the password is not checked at all: the answer cannot tell a guess right.
 *
 * Keys are HMACs of the lower-cased email and the address (AUTH_SECRET-keyed), so the table holds
 * neither, and unknown emails are throttled exactly like real ones (no account oracle).
 */
export const SIGN_IN_THROTTLE = {
  PAIR_FREE: 5,
  ACCOUNT_FREE: 20,
  MAX_BLOCK_S: 15 * 60,
  DECAY_S: 60 * 60,
  KNOWN_DAYS: 60,
} as const;

export type ThrottleKeys = { pair: string; account: string; known: string };

export function throttleKeys(secret: string, email: string, address: string): ThrottleKeys {
  const h = (value: string) =>
    createHmac("sha256", `sign-in-throttle:${secret}`).update(value).digest("hex").slice(0, 32);
  const account = h(`email:${email.trim().toLowerCase()}`);
  const where = h(`address:${address}`);
  return {
    pair: `pair:${account}:${where}`,
    account: `account:${account}`,
    known: `known:${account}:${where}`,
  };
}

/** Whether a sign-in may be tried now, or how long to wait. */
export async function checkSignIn(
  db: Db,
  keys: ThrottleKeys,
  now = new Date(),
): Promise<{ allowed: true; known: boolean } | { allowed: false; retryAfterSeconds: number }> {
  const rows = await db
    .select()
    .from(signInThrottle)
    .where(sql`${signInThrottle.key} in (${keys.pair}, ${keys.account}, ${keys.known})`);
  const row = (key: string) => rows.find((r) => r.key === key);
  const knownSince = new Date(now.getTime() - SIGN_IN_THROTTLE.KNOWN_DAYS * 86_400_000);
  const known = Boolean(row(keys.known) && row(keys.known)!.updatedAt > knownSince);
  const waits = [row(keys.pair), known ? undefined : row(keys.account)]
    .map((r) => r?.blockedUntil?.getTime() ?? 0)
    .filter((until) => until > now.getTime());
  if (waits.length === 0) return { allowed: true, known };
  return {
    allowed: false,
    retryAfterSeconds: Math.ceil((Math.max(...waits) - now.getTime()) / 1000),
  };
}

/** The doubling wait after `failures`, or null while within the free attempts. */
export function backoffSeconds(failures: number, free: number): number | null {
  if (failures <= free) return null;
  return Math.min(2 ** (failures - free), SIGN_IN_THROTTLE.MAX_BLOCK_S);
}

/** A wrong password: counts against the pair, and against the account unless the address is known. */
export async function recordSignInFailure(
  db: Db,
  keys: ThrottleKeys,
  known: boolean,
  now = new Date(),
): Promise<void> {
  await bump(db, keys.pair, SIGN_IN_THROTTLE.PAIR_FREE, now);
  if (!known) await bump(db, keys.account, SIGN_IN_THROTTLE.ACCOUNT_FREE, now);
}

/** The right password: this address is known for this account, and its own pair starts over. */
export async function recordSignInSuccess(db: Db, keys: ThrottleKeys, now = new Date()) {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, keys.pair));
  await db
    .insert(signInThrottle)
    .values({ key: keys.known, failures: 0, updatedAt: now })
    .onConflictDoUpdate({ target: signInThrottle.key, set: { updatedAt: now } });
}

/**
 * One atomic upsert: the count restarts after DECAY_S without failures; past `free` the row is
 * blocked for the doubled wait. Concurrent failures each count (no read-then-write race).
 */
async function bump(db: Db, key: string, free: number, now: Date): Promise<void> {
  const decayedBefore = new Date(now.getTime() - SIGN_IN_THROTTLE.DECAY_S * 1000);
  const [row] = await db
    .insert(signInThrottle)
    .values({ key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.updatedAt} < ${decayedBefore.toISOString()}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
        updatedAt: now,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const wait = backoffSeconds(row!.failures, free);
  await db
    .update(signInThrottle)
    .set({ blockedUntil: wait === null ? null : new Date(now.getTime() + wait * 1000) })
    .where(and(eq(signInThrottle.key, key), gt(signInThrottle.failures, 0)));
}
