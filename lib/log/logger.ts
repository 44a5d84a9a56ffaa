import { redact } from "./redact";

/**
 * One structured logger (JSON lines, UTC timestamps; SECURITY.md I-5). Every field passes
 * through `redact`, so a careless `log.info("x", { headers })` cannot leak an Authorization
 * header. Deliberately tiny: no transport, stdout/stderr only, the platform collects it.
 */

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogSink = (line: string, level: LogLevel) => void;

const defaultSink: LogSink = (line, level) => {
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
};

let threshold: LogLevel = "info";
let sink: LogSink = defaultSink;

export function configureLogger(options: { level?: LogLevel; sink?: LogSink }): void {
  if (options.level) threshold = options.level;
  if (options.sink) sink = options.sink;
}

function write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold]) return;
  sink(JSON.stringify(redact({ time: new Date().toISOString(), level, msg, ...fields })), level);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
