import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { log } from "@/lib/log/logger";
import { enterLane } from "@/lib/metrics/registry";
import { isKisiError, KisiError } from "./errors";
import { createKisiLimiter, sleep, type KisiLimiter } from "./limiter";
import { hasNextPage, parseCollectionRange, type Page } from "./pagination";
import { isRetryable, MAX_ATTEMPTS, retryDelayMs, type RetryPolicy } from "./retry-policy";
import {
  createdGroupLinkSchema,
  groupLinkSchema,
  groupLockSchema,
  groupSchema,
  linkLockSchema,
  lockSchema,
  placeSchema,
  unlockResponseSchema,
  type CreateGroupLinkBody,
  type KisiCreatedGroupLink,
  type KisiGroup,
  type KisiGroupLink,
  type KisiGroupLock,
  type KisiLinkLock,
  type KisiLock,
  type KisiPlace,
  type UnlockBody,
} from "./schemas";
import { exchange } from "./transport";

/**
 * `budgetKey` names whose ~5 req/s Kisi budget a call spends. Kisi counts per Kisi *user*, and
 * a studio's links are created by its API key's user, so callers pass the studio's credential
 * id for both schemes. Default: a hash of the secret.
 */
export type KisiLoginAuth = { scheme: "login"; apiKey: string; budgetKey?: string };
export type KisiLinkAuth = { scheme: "group_link"; secret: string; budgetKey?: string };
export type KisiAuth = KisiLoginAuth | KisiLinkAuth;

export type KisiTimeouts = {
  /** GET calls (list locks, places, groups, links). */
  readMs: number;
  /** POST /group_links and DELETE /group_links/{id}. */
  writeMs: number;
  /** One unlock attempt. */
  unlockMs: number;
  /** Whole unlock including its one retry: after this, never try again (SECURITY.md J-2). */
  unlockDeadlineMs: number;
};

/** Below this much time left, an unlock is not worth sending: it would likely arrive too late. */
const MIN_UNLOCK_SEND_MS = 1_000;
/** However long Kisi asks us to wait, a credential's queue pauses at most this long. */
const MAX_PAUSE_MS = 60_000;

export const DEFAULT_TIMEOUTS: KisiTimeouts = {
  readMs: 5_000,
  writeMs: 10_000,
  unlockMs: 5_000,
  unlockDeadlineMs: 8_000,
};

export type KisiClientOptions = {
  baseUrl: string;
  limiter?: KisiLimiter;
  timeouts?: Partial<KisiTimeouts>;
  integration?: { identifier?: string; contact?: string };
  fetchImpl?: typeof fetch;
  random?: () => number;
};

export type CallOptions = {
  signal?: AbortSignal;
  /**
   * Unlock only: how long the call may wait for its turn in its credential's queue. The unlock
   * deadline counts from when the call leaves the queue; a guest still waiting (the request not
   * aborted) has been told nothing yet. Default: `unlockDeadlineMs`, the old, strict rule.
   */
  maxQueueMs?: number;
};
export type ListQuery = { limit?: number; offset?: number };

export class KisiClient {
  private readonly limiter: KisiLimiter;
  private readonly timeouts: KisiTimeouts;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: KisiClientOptions) {
    this.limiter = options.limiter ?? createKisiLimiter();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.headers = {};
    if (options.integration?.identifier)
      this.headers["X-Kisi-Integration-Identifier"] = options.integration.identifier;
    if (options.integration?.contact)
      this.headers["X-Kisi-Integration-Contact"] = options.integration.contact;
  }

  /** POST /group_links, always without an email. Never retried: see retry-policy.ts. */
  async createGroupLink(
    auth: KisiLoginAuth,
    input: { name: string; groupId: number; validFrom: Date; validUntil: Date },
    opts?: CallOptions,
  ): Promise<KisiCreatedGroupLink> {
    const body: CreateGroupLinkBody = {
      group_link: {
        name: input.name,
        group_id: assertId(input.groupId),
        valid_from: input.validFrom.toISOString(),
        valid_until: input.validUntil.toISOString(),
        link_enabled: true,
      },
    };
    const res = await this.call(auth, "create", this.timeouts.writeMs, opts, {
      method: "POST",
      path: "/group_links",
      body,
      schema: createdGroupLinkSchema,
    });
    return res.data;
  }

  /** GET /group_links (one page). `query` matches name, email, phone and group name. */
  listGroupLinks(
    auth: KisiLoginAuth,
    query: ListQuery & { query?: string; groupId?: number; ids?: number[]; sort?: string } = {},
    opts?: CallOptions,
  ): Promise<Page<KisiGroupLink>> {
    return this.page(
      auth,
      "/group_links",
      groupLinkSchema,
      query,
      10,
      {
        query: query.query,
        group_id: query.groupId,
        ids: query.ids?.map(assertId).join(","),
        sort: query.sort,
      },
      opts,
    );
  }

  /** DELETE /group_links/{id} → 204. Retried like a GET: deleting twice is harmless. */
  async deleteGroupLink(auth: KisiLoginAuth, id: number, opts?: CallOptions): Promise<void> {
    await this.call(auth, "idempotent", this.timeouts.writeMs, opts, {
      method: "DELETE",
      path: `/group_links/${assertId(id)}`,
      schema: null,
    });
  }

  /** GET /locks with an API key: the full lock shape, every lock of the organization. */
  listLocks(
    auth: KisiLoginAuth,
    query: ListQuery & { ids?: number[]; placeId?: number } = {},
    opts?: CallOptions,
  ): Promise<Page<KisiLock>> {
    return this.page(
      auth,
      "/locks",
      lockSchema,
      query,
      50,
      { ids: query.ids?.map(assertId).join(","), place_id: query.placeId },
      opts,
    );
  }

  /** GET /locks with a link secret: the subset shape, only the doors of the link's group. */
  listLinkLocks(
    auth: KisiLinkAuth,
    query: ListQuery & { ids?: number[] } = {},
    opts?: CallOptions,
  ): Promise<Page<KisiLinkLock>> {
    return this.page(
      auth,
      "/locks",
      linkLockSchema,
      query,
      50,
      { ids: query.ids?.map(assertId).join(",") },
      opts,
    );
  }

  /** Whether a call with these credentials would wait its turn in this process's lane. */
  busy(auth: KisiAuth): boolean {
    return this.limiter.busy(budgetKey(auth));
  }

  /**
   * POST /locks/{id}/unlock. Kisi ignores geofences for links (docs/kisi-api.md §4); the location is
   * passed on as context for Kisi's own audit. At most one retry, within the deadline.
   */
  async unlock(
    auth: KisiAuth,
    lockId: number,
    input: { location?: { latitude: number; longitude: number } } = {},
    opts?: CallOptions,
  ): Promise<void> {
    const body: UnlockBody = input.location ? { context: { location: input.location } } : {};
    // Kisi documents `{"message":"Unlocked!"}`, but a 2xx means the door opened whatever the
    // body says: telling the guest "not reachable" while the door is open would be worse than
    // an unexpected body, which is logged (its shape only) so the change is noticed.
    const path = `/locks/${assertId(lockId)}/unlock`;
    try {
      await this.call(auth, "unlock", this.timeouts.unlockMs, opts, {
        method: "POST",
        path,
        body,
        schema: unlockResponseSchema,
      });
    } catch (error) {
      if (!(isKisiError(error) && error.kind === "malformed" && (error.status ?? 0) < 300))
        throw error;
      log.warn("kisi unlock answered 2xx with an unexpected body; taken as opened", {
        path,
        status: error.status,
        detail: error.message,
      });
    }
  }

  /** GET /places/{id}: works with both schemes (the link sees only its own place). */
  async getPlace(auth: KisiAuth, id: number, opts?: CallOptions): Promise<KisiPlace> {
    const res = await this.call(auth, "idempotent", this.timeouts.readMs, opts, {
      method: "GET",
      path: `/places/${assertId(id)}`,
      schema: placeSchema,
    });
    return res.data;
  }

  listGroups(
    auth: KisiLoginAuth,
    query: ListQuery & { query?: string; placeId?: number } = {},
    opts?: CallOptions,
  ): Promise<Page<KisiGroup>> {
    return this.page(
      auth,
      "/groups",
      groupSchema,
      query,
      10,
      { query: query.query, place_id: query.placeId },
      opts,
    );
  }

  /** GET /group_locks?group_id=: which doors a group (and so its links) opens. */
  listGroupLocks(
    auth: KisiLoginAuth,
    groupId: number,
    query: ListQuery = {},
    opts?: CallOptions,
  ): Promise<Page<KisiGroupLock>> {
    return this.page(
      auth,
      "/group_locks",
      groupLockSchema,
      query,
      10,
      { group_id: assertId(groupId) },
      opts,
    );
  }

  private async page<T>(
    auth: KisiAuth,
    path: string,
    item: z.ZodType<T>,
    query: ListQuery,
    defaultLimit: number,
    params: Record<string, string | number | undefined>,
    opts?: CallOptions,
  ): Promise<Page<T>> {
    const limit = query.limit ?? defaultLimit;
    const offset = query.offset ?? 0;
    const res = await this.call(auth, "idempotent", this.timeouts.readMs, opts, {
      method: "GET",
      path,
      query: { ...params, limit, offset },
      schema: item.array(),
    });
    const range = parseCollectionRange(res.headers.get("x-collection-range"));
    return { items: res.data as T[], limit, offset, total: range?.total ?? null };
  }

  private async call<S extends z.ZodType | null>(
    auth: KisiAuth,
    policy: RetryPolicy,
    timeoutMs: number,
    opts: CallOptions | undefined,
    req: {
      method: "GET" | "POST" | "DELETE";
      path: string;
      query?: Record<string, string | number | undefined>;
      body?: unknown;
      schema: S;
    },
  ) {
    const key = budgetKey(auth);
    const queuedAt = Date.now();
    const maxQueueMs = opts?.maxQueueMs ?? this.timeouts.unlockDeadlineMs;
    // Set when the unlock first leaves the queue: from then on it has unlockDeadlineMs in all.
    let deadline = Infinity;
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const leaveLane = enterLane();
      try {
        const res = await this.limiter
          .schedule(
            key,
            () => {
              leaveLane();
              if (policy === "unlock" && deadline === Infinity) {
                // An unlock that waited its turn longer than allowed is never sent: a door must
                // not open late, when the guest may have been told it failed (SECURITY.md J-2).
                if (Date.now() - queuedAt > maxQueueMs) {
                  throw new KisiError({
                    kind: "not_sent",
                    message: `${req.method} ${req.path}: not sent, it waited too long in the queue`,
                  });
                }
                deadline = Date.now() + this.timeouts.unlockDeadlineMs;
              }
              const remaining = deadline - Date.now();
              if (remaining < MIN_UNLOCK_SEND_MS) {
                throw new KisiError({
                  kind: "not_sent",
                  message: `${req.method} ${req.path}: not sent, its deadline passed while queued`,
                });
              }
              return exchange({
                ...req,
                baseUrl: this.options.baseUrl,
                authorization: authorizationHeader(auth),
                timeoutMs: Math.min(timeoutMs, remaining),
                signal: opts?.signal,
                headers: this.headers,
                fetchImpl: this.options.fetchImpl,
              });
            },
            opts?.signal,
          )
          .catch((error: unknown) => {
            leaveLane();
            // The caller gave up while this call was still queued or pausing.
            if (!isKisiError(error) && opts?.signal?.aborted) {
              throw new KisiError({
                kind: "aborted",
                message: `${req.method} ${req.path}: cancelled by the caller`,
              });
            }
            throw error;
          });
        log.debug("kisi call", {
          method: req.method,
          path: req.path,
          status: res.status,
          ms: Date.now() - started,
          attempt,
        });
        return res;
      } catch (error) {
        if (!isKisiError(error)) throw error;
        if (error.isRateLimited)
          this.limiter.pause(key, Math.min(error.retryAfterMs ?? 1_000, MAX_PAUSE_MS));
        log.debug("kisi call failed", {
          method: req.method,
          path: req.path,
          kind: error.kind,
          status: error.status,
          kisiCode: error.code,
          ms: Date.now() - started,
          attempt,
        });
        if (attempt >= MAX_ATTEMPTS[policy] || !isRetryable(policy, error)) throw error;
        const delay = retryDelayMs(policy, attempt, error, this.options.random);
        // Never start an unlock attempt that could complete after the deadline.
        if (Date.now() + delay + (policy === "unlock" ? MIN_UNLOCK_SEND_MS : 0) >= deadline)
          throw error;
        await sleep(delay, opts?.signal).catch(() => {
          throw new KisiError({
            kind: "aborted",
            message: `${req.method} ${req.path}: cancelled by the caller`,
          });
        });
      }
    }
  }
}

function authorizationHeader(auth: KisiAuth): string {
  return auth.scheme === "login" ? `KISI-LOGIN ${auth.apiKey}` : `KISI-GROUP-LINK ${auth.secret}`;
}

function budgetKey(auth: KisiAuth): string {
  if (auth.budgetKey) return auth.budgetKey;
  return auth.scheme === "login"
    ? kisiKeyBudget(keyFingerprint(auth.apiKey))
    : `link:${keyFingerprint(auth.secret)}`;
}

/** What a stored Kisi key is known by, without the key (kisi_credentials.api_key_fingerprint). */
export function keyFingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 16);
}

/** The pacing lane of a Kisi key: every call made with it, or with links it created, shares it. */
export function kisiKeyBudget(fingerprint: string): string {
  return `kisi-key:${fingerprint}`;
}

/** Ids go into URL paths: only positive safe integers, so nothing can be injected (SECURITY.md B-3). */
export function assertId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError("Kisi ids are positive integers");
  return id;
}

/** Fetches every page of a list, following X-Collection-Range, up to Kisi's offset cap. */
export async function listAll<T>(
  fetchPage: (q: { limit: number; offset: number }) => Promise<Page<T>>,
  limit = 250,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset <= 20_000; offset += limit) {
    const page = await fetchPage({ limit, offset });
    all.push(...page.items);
    if (!hasNextPage(page)) break;
  }
  return all;
}
