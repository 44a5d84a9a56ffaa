import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./processes";

/**
 * A throwaway PostgreSQL server for tests, from Debian's `postgresql` package (.ci/run installs
 * it). Each call gets its own data folder and port and removes both on stop. PostgreSQL refuses
 * to run as root, so under root it runs as the package's `postgres` user.
 */
export type PostgresServer = {
  url: string;
  stop: () => void;
  /** Stops the server as an operator would (`-m fast`: clients are disconnected), keeping the data. */
  halt: () => void;
  /** Starts it again on the same port and data. */
  resume: () => void;
};

export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0)
    throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-pg-"));
  chmodSync(dir, 0o777); // the postgres user must own what it creates inside
  const data = path.join(dir, "data");
  const port = await freePort();
  run(path.join(bin, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "latchkey",
    "--no-sync",
    "-E",
    "UTF8",
  ]);
  const start = () =>
    run(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      "start",
    ]);
  start();
  return {
    url: `postgres://latchkey@127.0.0.1:${port}/postgres`,
    halt: () => run(path.join(bin, "pg_ctl"), ["-D", data, "-w", "-m", "fast", "stop"]),
    resume: start,
    stop: () => {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Whether this machine can run the server (for a visible skip where it cannot). */
export function postgresAvailable(): boolean {
  if (!findPostgresBin()) return false;
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync("id", ["postgres"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
