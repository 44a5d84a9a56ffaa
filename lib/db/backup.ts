import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_OPTIONS } from "./connect";

/**
 * Backups of Latchkey's database (npm run db:backup / db:restore; the README's "Backups").
 * No `server-only`: the CLI and the tests call it.
 *
 * Embedded (PGlite): the whole data folder as one gzipped tar, PGlite's own dumpDataDir format,
 * which loadDataDir reads back. PGlite is single-process, so the server must be stopped first.
 * A server (DATABASE_URL): pg_dump's custom format, restored by pg_restore in one transaction.
 */

/** Writes the embedded database in `dataDir` to `file` (a .tar.gz). */
export async function backupPglite(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(path.join(dataDir, "PG_VERSION")))
    throw new Error(`no embedded database in ${dataDir}`);
  const client = new PGlite(dataDir, PGLITE_OPTIONS);
  try {
    // Everything committed is in the data files before they are copied.
    await client.exec("CHECKPOINT");
    const dump = await client.dumpDataDir("gzip");
    const bytes = Buffer.from(await dump.arrayBuffer());
    writeAtomically(file, bytes);
    return { bytes: bytes.length };
  } finally {
    await client.close();
  }
}

/**
 * Restores `file` (from backupPglite) as the embedded database in `dataDir`. The backup is
 * opened in a folder beside it first and moved into place only once PostgreSQL has started on
 * it, so a bad file leaves nothing half-written. An existing database is never deleted: with
 * `force` it is moved aside to `<dataDir>.before-restore-<time>`, without it the restore stops.
 */
export async function restorePglite(
  file: string,
  dataDir: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<{ movedAside: string | null }> {
  const occupied = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (occupied && !options.force)
    throw new Error(`${dataDir} already holds a database: pass --force to move it aside first`);
  const staging = `${dataDir}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(staging), { recursive: true });
  const client = new PGlite(staging, {
    ...PGLITE_OPTIONS,
    loadDataDir: new Blob([readFileSync(file)]),
  });
  let failure: unknown = null;
  try {
    await client.query("select 1");
  } catch (error) {
    failure = error ?? new Error("PGlite did not start");
  } finally {
    await client.close().catch(() => undefined);
  }
  if (failure) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`${file} is not a database backup PGlite can open`, { cause: failure });
  }
  let movedAside: string | null = null;
  if (occupied) {
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, "-");
    movedAside = `${dataDir}.before-restore-${stamp}`;
    renameSync(dataDir, movedAside);
  } else {
    rmSync(dataDir, { recursive: true, force: true });
  }
  renameSync(staging, dataDir);
  return { movedAside };
}

/** pg_dump of the server at `url` into `file` (custom format). */
export async function backupServer(url: string, file: string, binDir?: string): Promise<void> {
  const partial = `${file}.partial`;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  try {
    await runPgTool(binDir, "pg_dump", url, [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      `--file=${partial}`,
    ]);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * pg_restore of `file` into the server at `url`: existing objects are dropped and recreated, in
 * one transaction, so a failed restore changes nothing.
 */
export async function restoreServer(url: string, file: string, binDir?: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  await runPgTool(binDir, "pg_restore", url, [
    "--clean",
    "--if-exists",
    "--no-owner",
    "--no-privileges",
    "--single-transaction",
    "--exit-on-error",
    file,
  ]);
}

/**
 * Runs pg_dump/pg_restore with the connection's password in PGPASSWORD, not on the command
 * line, where any user of the machine could read it (ps).
 */
function runPgTool(binDir: string | undefined, tool: string, url: string, args: string[]) {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = "";
  const command = binDir ? path.join(binDir, tool) : tool;
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, [`--dbname=${target.toString()}`, ...args], {
      // eslint-disable-next-line no-restricted-properties -- the child's environment, passed on unread
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "inherit", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", (error) =>
      reject(
        new Error(
          `${tool} could not be started (${error.message}): install the PostgreSQL client, or pass --pg-bin`,
        ),
      ),
    );
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} exited ${code}: ${stderr.trim()}`)),
    );
  });
}

function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
}
