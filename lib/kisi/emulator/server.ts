import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { parseAuthorization } from "./auth";
import { CONTROL_PREFIX, handleControl } from "./control";
import { DEFAULT_LINK_ERRORS } from "./errors";
import { FaultRegistry } from "./faults";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { processApiRequest } from "./pipeline";
import { SlidingWindowLimiter } from "./rate-limit";
import { faultReply, readBody, send } from "./respond";
import { createDemoSeed, createEmptySeed } from "./seed";
import type { EmulatorState, LockRecord } from "./state";
import { replaceState } from "./state";
import type {
  EmulatorOptions,
  KisiEmulator,
  LockPatch,
  RecordedRequest,
  ResolvedOptions,
} from "./types";

function resolveOptions(opts: EmulatorOptions): ResolvedOptions {
  return {
    port: opts.port ?? 0,
    host: opts.host ?? "127.0.0.1",
    seed: opts.seed ?? "demo",
    rateLimitPerSecond: opts.rateLimitPerSecond ?? 5,
    retryAfterOn429: opts.retryAfterOn429 === undefined ? 1 : opts.retryAfterOn429,
    groupLinkBudget: opts.groupLinkBudget ?? "creator",
    linkErrors: { ...DEFAULT_LINK_ERRORS, ...opts.linkErrors },
    collectionRange: opts.collectionRange ?? "requested",
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function recordedBody(raw: string): unknown {
  if (raw === "") return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export async function startKisiEmulator(opts: EmulatorOptions = {}): Promise<KisiEmulator> {
  const options = resolveOptions(opts);
  const freshSeed = (): EmulatorState =>
    options.seed === "demo" ? createDemoSeed() : createEmptySeed();
  const state = freshSeed();
  // Demo mode keeps Kisi's side across restarts, so links issued yesterday still open doors.
  if (opts.stateFile && existsSync(opts.stateFile)) {
    replaceState(state, JSON.parse(readFileSync(opts.stateFile, "utf8")) as EmulatorState);
  }
  const persist = () => {
    if (!opts.stateFile) return;
    mkdirSync(path.dirname(opts.stateFile), { recursive: true });
    writeFileSync(opts.stateFile, JSON.stringify(state));
  };
  const requests: RecordedRequest[] = [];
  const faults = new FaultRegistry();
  const limiter = new SlidingWindowLimiter(options.rateLimitPerSecond);
  let clockOffsetMs = 0;
  let seq = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);

  const setLock = (id: number, patch: LockPatch): LockRecord => {
    const lock = state.locks.find((candidate) => candidate.id === id);
    if (!lock) throw new Error(`Kisi emulator: no lock ${id}`);
    const at = now().toISOString();
    if (patch.online !== undefined) lock.online = patch.online;
    if (patch.locked_down !== undefined && patch.locked_down !== lock.locked_down) {
      lock.locked_down = patch.locked_down;
      lock.locked_down_since = patch.locked_down ? at : null;
    }
    lock.updated_at = at;
    return lock;
  };
  const reset = () => {
    replaceState(state, freshSeed());
    requests.splice(0, requests.length);
    faults.clear();
    limiter.reset();
    clockOffsetMs = 0;
    seq = 0;
  };
  const controlDeps = {
    requests,
    faults,
    state,
    setLock,
    setClockOffset: (ms: number) => void (clockOffsetMs = ms),
    clockOffset: () => clockOffsetMs,
    now,
    reset,
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string) {
    const method = (req.method ?? "GET").toUpperCase();
    const rawBody = await readBody(req);
    const auth = parseAuthorization(req.headers.authorization);
    const record: RecordedRequest = {
      seq: ++seq,
      at: new Date().toISOString(),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      authScheme: auth.scheme,
      credential: auth.credential,
      body: recordedBody(rawBody),
      status: 0,
    };
    requests.push(record);

    const fault = faults.take(method, path);
    if (fault?.kind === "latency") await sleep(fault.ms);
    if (fault?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    const replacement = fault ? faultReply(fault, options.retryAfterOn429) : null;
    const afterCommit = fault !== null && "afterCommit" in fault && fault.afterCommit === true;
    // What Kisi itself did (null when a fault answered instead of handling the request).
    const handled =
      replacement && !afterCommit
        ? null
        : processApiRequest(
            { state, options, limiter, now },
            {
              method,
              path,
              query: record.query,
              auth,
              contentType: req.headers["content-type"] ?? "",
              rawBody,
              remoteAddress: req.socket.remoteAddress ?? "unknown",
            },
          );
    // With afterCommit the change is made (and kept) but the client hears the fault instead.
    const reply = replacement ?? handled;
    if (!reply) return;
    if (fault?.kind === "drop_after_commit") {
      // The change is committed; the client just never hears about it (S38).
      req.socket.destroy();
      return;
    }
    send(res, reply);
    record.status = reply.status;
    if (method !== "GET" && handled && handled.status < 400) persist();
  }

  const server = createServer((req, res) => {
    res.on("error", () => undefined);
    const url = new URL(req.url ?? "/", "http://kisi-emulator.invalid");
    // Rails routes ignore a trailing slash.
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    const work = isControl
      ? readBody(req).then((raw) =>
          send(res, handleControl(controlDeps, (req.method ?? "GET").toUpperCase(), path, raw)),
        )
      : handleApi(req, res, url, path);
    work.catch(() => {
      send(res, { status: 500, body: { code: "ffffff", error: "An unexpected issue occured." } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    requests,
    faults,
    state,
    setLock,
    setClockOffset: controlDeps.setClockOffset,
    now,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open indefinitely.
        server.closeAllConnections();
      }),
  };
}
