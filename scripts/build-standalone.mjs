/**
 * Completes Next's standalone output (.next/standalone, written by `next build` with
 * `output: "standalone"`) into the folder the container image runs:
 *
 * - serve.js: our server wrapper (lib/server/serve.ts) bundled, the entry point instead of Next's
 *   server.js, so the artifact keeps the one trusted client address and answers malformed URLs
 *   400 — exactly what `npm start` does;
 * - .next/static and public/: Next leaves them out of the standalone folder on purpose (a CDN may
 *   serve them); without them every page loads unstyled and without its scripts;
 * - lib/db/migrations: applied at start-up, read from disk (Next traces only some of them).
 *
 * Usage: `node scripts/build-standalone.mjs [folder]` after `next build` — in place by default
 * (the Dockerfile), or a copy in another folder (the standalone test).
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = process.cwd();
const source = path.join(root, ".next", "standalone");
if (!existsSync(path.join(source, "server.js"))) {
  console.error(
    'No .next/standalone: run `next build` first (next.config.ts sets output: "standalone").',
  );
  process.exit(1);
}
const out = path.resolve(process.argv[2] ?? source);
if (out !== source) {
  rmSync(out, { recursive: true, force: true });
  cpSync(source, out, { recursive: true, verbatimSymlinks: true });
}
const copy = (from, to) => {
  rmSync(path.join(out, to), { recursive: true, force: true });
  cpSync(path.join(root, from), path.join(out, to), { recursive: true });
};
copy(".next/static", ".next/static");
if (existsSync(path.join(root, "public"))) copy("public", "public");
copy("lib/db/migrations", "lib/db/migrations");

await build({
  entryPoints: [path.join(root, "lib/server/serve.ts")],
  outfile: path.join(out, "serve.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  tsconfig: path.join(root, "tsconfig.json"),
  // Next and prom-client come from the artifact's own node_modules (traced by next build): one
  // copy each, shared with the routes.
  external: ["next", "prom-client"],
  logLevel: "warning",
});
console.log(
  `standalone server ready in ${path.relative(root, out) || "."}: cd there and run \`node serve.js\``,
);
