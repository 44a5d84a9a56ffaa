import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

/**
 * Child processes for specs and benchmarks that run Latchkey apart from the shared demo server:
 * `npm run demo`, production instances (`next start`), the Kisi emulator and the CLIs, each in its
 * own process group so a caller can stop it with everything it started.
 */
export type Proc = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { killAfterMs?: number; cwd?: string } = {},
): Proc {
  const base = { ...process.env };
  delete base.LATCHKEY_DEMO;
  const child = spawn(command, args, {
    env: { ...base, NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: true,
    cwd: options.cwd,
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return; // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }, options.killAfterMs ?? 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a CLI to completion; throws with its output if it fails. */
export async function runToEnd(command: string, args: string[], env: Record<string, string>) {
  const proc = startProcess(command, args, env);
  const code = await new Promise<number | null>((resolve) => proc.child.once("exit", resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}:\n${proc.output()}`);
  return proc.output();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, or fails with the process's output. */
export async function waitForHttp(url: string, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`exited early:\n${proc.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never answered:\n${proc.output()}`);
}

/** A production environment of fresh secrets, for servers a spec starts. */
export function productionSecrets(): Record<string, string> {
  return {
    NODE_ENV: "production",
    LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
  };
}

/** `npm start` (lib/server/serve.ts around this checkout's build). */
export function startLatchkey(port: number, env: Record<string, string>): Proc {
  return startProcess(
    "npx",
    ["tsx", "lib/server/serve.ts", "-p", String(port), "-H", "127.0.0.1"],
    env,
  );
}
