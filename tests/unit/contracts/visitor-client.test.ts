import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The guest page calls its endpoints by contract (lib/contracts/visitor-client.ts) without
 * shipping the contracts' zod schemas to a phone. What reaches the browser is what the page's
 * client components import at run time (type-only imports are erased), so this walks that graph.
 */
const ROOT = path.resolve(__dirname, "../../..");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return spec; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** The specifiers a module imports (or re-exports) at run time. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const specs: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause &&
        !clause.name &&
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

function closure(entries: string[]): Map<string, string> {
  const seen = new Map<string, string>(); // module → who imported it first
  const queue: (readonly [string, string])[] = entries.map((e) => [e, "(entry)"] as const);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, by] = next;
    if (seen.has(file)) continue;
    seen.set(file, by);
    if (!file.startsWith(ROOT)) continue; // a package: its own imports are not ours to walk
    for (const spec of runtimeImports(file)) {
      const target = resolveImport(file, spec);
      if (target) queue.push([target, file] as const);
    }
  }
  return seen;
}

const guestDir = path.join(ROOT, "components/access");
const clientEntries = readdirSync(guestDir)
  .map((f) => path.join(guestDir, f))
  .filter((f) => /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

describe("the guest page's browser code", () => {
  const graph = closure(clientEntries);
  const rel = (f: string) => (f.startsWith(ROOT) ? path.relative(ROOT, f) : f);

  it("has client components to check (the walk found the page)", () => {
    expect(clientEntries.map(rel)).toContain("components/access/access-panel.tsx");
    expect([...graph.keys()].map(rel)).toContain("lib/contracts/visitor-client.ts");
  });

  it("never imports zod or a contract's schemas at run time", () => {
    const offending = [...graph.entries()]
      .filter(
        ([file]) =>
          file === "zod" ||
          file.startsWith("zod/") ||
          /lib\/contracts\/(access|index|shared)\.ts$/.test(file),
      )
      .map(([file, by]) => `${rel(file)} (imported by ${rel(by)})`);
    expect(offending).toEqual([]);
  });

  it("makes its calls through the contract client, not raw fetch", () => {
    const raw = clientEntries.filter((f) => /\bfetch\(/.test(readFileSync(f, "utf8"))).map(rel);
    expect(raw).toEqual([]);
  });
});
