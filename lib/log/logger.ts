import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { pino, type DestinationStream, type Logger } from "pino";
import { redact, redactString } from "./redact";

/**
 * One structured logger: pino, JSON lines with UTC timestamps, no transport (stdout for
 * debug/info, stderr for warn/error; the platform collects both). Secrets never reach a line
 * (SECURITY.md I-5): every record passes `redact` as pino's log formatter, so a
 * careless `log.info("x", { headers })` cannot leak an Authorization header at any depth, and
 * the message goes through the free-text scrubber as pino's `msg` serializer, so an
 * /access/<token> path in it is cut even when it comes from a child logger. Pino's own
 * `redact` option is not used: it takes exact paths, and the rule here is "any key that names
 * a secret, at any depth", which no path list can say.
 *
 * Inside a request (`withRequestLog`) `log` writes through a child logger bound to that
 * request (its id, method and scrubbed path), so every line a request causes can be found
 * together without passing a logger down.
 */

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFields = Record<string, unknown>;
export type LogSink = (line: string, level: LogLevel) => void;

export type Log = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose every line carries `bindings` (scrubbed like any field). */
  child(bindings: LogFields): Log;
};

const LEVEL_LABELS: Record<number, LogLevel> = { 20: "debug", 30: "info", 40: "warn", 50: "error" };

const defaultSink: LogSink = (line, level) => {
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
};

/** A pino destination that hands each line and its level to a sink. */
function sinkStream(sink: LogSink): DestinationStream {
  const stream = {
    [pino.symbols.needsMetadataGsym]: true as const,
    lastLevel: 30,
    write(line: string) {
      sink(line.replace(/\n$/, ""), LEVEL_LABELS[stream.lastLevel] ?? "info");
    },
  };
  return stream;
}

function createRoot(level: LogLevel, sink: LogSink): Logger {
  return pino(
    {
      level,
      base: undefined,
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { msg: redactString },
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => redact(record) as LogFields,
      },
    },
    sinkStream(sink),
  );
}

type LoggerState = { level: LogLevel; sink: LogSink; root: Logger };

/**
 * Kept on globalThis: Next loads a copy of this module per route bundle, and the level the
 * server configures at start must reach all of them.
 */
const KEY = Symbol.for("latchkey.logger");
const globals = globalThis as unknown as Record<symbol, unknown>;
const state = (globals[KEY] ??= {
  level: "info",
  sink: defaultSink,
  root: createRoot("info", defaultSink),
}) as LoggerState;
const REQUEST_KEY = Symbol.for("latchkey.requestLogger");
const requestLogs = (globals[REQUEST_KEY] ??=
  new AsyncLocalStorage<Logger>()) as AsyncLocalStorage<Logger>;

export function configureLogger(options: { level?: LogLevel; sink?: LogSink }): void {
  if (options.level) state.level = options.level;
  if (options.sink) state.sink = options.sink;
  state.root = createRoot(state.level, state.sink);
}

function wrap(current: () => Logger): Log {
  return {
    debug: (msg, fields) => current().debug(fields ?? {}, msg),
    info: (msg, fields) => current().info(fields ?? {}, msg),
    warn: (msg, fields) => current().warn(fields ?? {}, msg),
    error: (msg, fields) => current().error(fields ?? {}, msg),
    child: (bindings) => {
      const child = childOf(current(), bindings);
      return wrap(() => child);
    },
  };
}

/** Pino runs no formatter over a child's bindings, so they are scrubbed here, once. */
function childOf(parent: Logger, bindings: LogFields): Logger {
  return parent.child(redact(bindings) as LogFields);
}

/** The logger: the current request's child inside `withRequestLog`, the root elsewhere. */
export const log: Log = wrap(() => requestLogs.getStore() ?? state.root);

/** A caller's own id is kept when it is a plain token; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Runs `fn` with `log` bound to one request: `requestId` (the caller's X-Request-Id when it is
 * a plain token, so a proxy's id lines up, else a new UUID), method and path. The path is
 * scrubbed like every field, so a guest's /access/<token> never appears.
 */
export function withRequestLog<T>(
  req: { method: string; url: string; headers: Headers },
  fn: () => T,
): T {
  const given = req.headers.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const child = childOf(state.root, {
    requestId,
    method: req.method,
    path: new URL(req.url, "http://localhost").pathname,
  });
  return requestLogs.run(child, fn);
}
