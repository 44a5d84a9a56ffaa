import { afterAll, beforeAll, beforeEach } from "vitest";
import type { EmulatorOptions, GroupLinkRecord, KisiEmulator } from "@/lib/kisi/emulator";
import { DEMO_SEED, OTHER_ORG_SEED, startKisiEmulator } from "@/lib/kisi/emulator";

/**
 * Shared plumbing for the Kisi emulator tests (tests/unit/kisi-emulator): raw HTTP calls, group
 * link set-up and the emulator lifecycle. Requests go through plain `fetch` on purpose, not
 * through lib/kisi/client, so the tests see exactly what the emulator answers on the wire.
 */

export type Json = Record<string, unknown>;

export const LOGIN = `KISI-LOGIN ${DEMO_SEED.apiKey}`;
/** The demo owner's second API key: the same user, so the same rate-limit budget. */
export const LOGIN_2 = `KISI-LOGIN ${DEMO_SEED.secondApiKey}`;
export const OTHER_LOGIN = `KISI-LOGIN ${OTHER_ORG_SEED.apiKey}`;

export type KisiRequestOptions = {
  /**
   * Sent as `Authorization` whenever it is not undefined, so `""` sends an empty header: the
   * auth tests need "header present but empty" apart from "no header at all".
   */
  auth?: string;
  /** Serialized as JSON. */
  body?: unknown;
  /** Sent as is instead of `body`, for bodies that must not be valid JSON. */
  rawBody?: string;
  /** Content type of a body; `application/json` unless given. Not sent without a body. */
  contentType?: string;
  /** Further request headers (e.g. `Accept`); `auth` and the body's content type win. */
  headers?: Record<string, string>;
  /** `manual` lets fault tests see a redirect instead of fetch following it off the machine. */
  redirect?: RequestRedirect;
};

export type KisiResponse<T> = { status: number; headers: Headers; text: string; json: T };

/** The bare `fetch` behind `kisiRequest`, for tests that must read a body that is not JSON. */
export function kisiFetch(
  baseUrl: string,
  method: string,
  path: string,
  opts: KisiRequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth !== undefined) headers.Authorization = opts.auth;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers["Content-Type"] = opts.contentType ?? "application/json";
  return fetch(`${baseUrl}${path}`, { method, headers, body, redirect: opts.redirect });
}

/**
 * One request to the emulator. `json` is the parsed body, or null for an empty one; a body
 * that is not JSON throws, so an answer of the wrong kind fails the test.
 */
export async function kisiRequest<T = Json>(
  baseUrl: string,
  method: string,
  path: string,
  opts: KisiRequestOptions = {},
): Promise<KisiResponse<T>> {
  const res = await kisiFetch(baseUrl, method, path, opts);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: (text ? JSON.parse(text) : null) as T,
  };
}

/** The `Authorization` value for a group link's secret. */
export function groupLinkAuth(secret: unknown): string {
  return `KISI-GROUP-LINK ${String(secret)}`;
}

/**
 * `POST /group_links` for a "Visitor" link on the demo guest group; `fields` override or add
 * to that. Returns the answer unchecked, since several tests expect it to fail.
 */
export function createGroupLink(
  baseUrl: string,
  fields: Json = {},
  auth: string = LOGIN,
  opts: Pick<KisiRequestOptions, "headers"> = {},
): Promise<KisiResponse<Json>> {
  return kisiRequest(baseUrl, "POST", "/group_links", {
    ...opts,
    auth,
    body: { group_link: { name: "Visitor", group_id: DEMO_SEED.groupId, ...fields } },
  });
}

/** Creates a link that must succeed and returns its `KISI-GROUP-LINK` authorization. */
export async function createGroupLinkAuth(baseUrl: string, fields: Json = {}): Promise<string> {
  const res = await createGroupLink(baseUrl, fields);
  if (res.status !== 200 || typeof res.json.secret !== "string") {
    throw new Error(`Creating a group link answered ${res.status}: ${res.text}`);
  }
  return groupLinkAuth(res.json.secret);
}

/**
 * Puts a link straight into the emulator's state and returns its authorization: for set-up
 * that must not go through the API (it would spend rate-limit budget or be recorded).
 */
export function seedGroupLink(
  target: KisiEmulator,
  fields: Pick<GroupLinkRecord, "secret"> & Partial<GroupLinkRecord>,
): string {
  const at = new Date().toISOString();
  target.state.groupLinks.push({
    id: 5000 + target.state.groupLinks.length,
    name: "Visitor",
    email: null,
    phone: null,
    link_enabled: true,
    quick_response_code_type: null,
    valid_from: null,
    valid_until: null,
    last_used_at: null,
    group_id: DEMO_SEED.groupId,
    created_by_id: DEMO_SEED.userId,
    quick_response_code_token: null,
    quick_response_code_image: null,
    created_at: at,
    updated_at: at,
    deletedAt: null,
    ...fields,
  });
  return groupLinkAuth(fields.secret);
}

/**
 * Starts one emulator for the calling test file and resets it before every test. The defaults
 * are a random port and a rate limit high enough never to get in the way; `options` are laid
 * over them, so `{ rateLimitPerSecond: undefined }` brings back the emulator's own (Kisi's) limit.
 * Call it before the file's own `beforeEach`, which then runs after the reset.
 */
export function setupKisiEmulator(options: EmulatorOptions = {}): () => KisiEmulator {
  let emulator: KisiEmulator | undefined;
  beforeAll(async () => {
    emulator = await startKisiEmulator({ port: 0, rateLimitPerSecond: 10_000, ...options });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(() => {
    emulator?.reset();
  });
  return () => {
    if (!emulator) throw new Error("The Kisi emulator is only running inside this file's tests.");
    return emulator;
  };
}

/**
 * Creates a fresh link before every test (after the emulator's reset, so call it after
 * `setupKisiEmulator`) and returns a getter for its authorization.
 */
export function setupGroupLinkAuth(emu: () => KisiEmulator, fields: Json = {}): () => string {
  let auth: string | undefined;
  beforeEach(async () => {
    auth = await createGroupLinkAuth(emu().url, fields);
  });
  return () => {
    if (auth === undefined) throw new Error("The group link is only created inside tests.");
    return auth;
  };
}
