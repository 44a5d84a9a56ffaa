import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every document a comment (or a test's title) cites must be in this repository, so a newcomer
 * can follow it: `SECURITY.md B-4` needs an entry headed B-4 in SECURITY.md, `docs/kisi-api.md
 * §6` a heading §6 there, `docs/architecture.md journey 3` a "Journey 3" heading,
 * `docs/product-rules.md rule 1` a "Rule 1" heading, and a quoted name right after a citation
 * (`docs/architecture.md "Where state lives"`) must appear in that document. Names are matched
 * with their exact case, as on Linux.
 *
 * Comments are read with the TypeScript scanner, so `//` or `/*` inside strings and regular
 * expressions are not mistaken for comments.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SCANNED_DIRS = ["lib", "app", "components", "tests", "bench"];
const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SKIPPED_DIRS = new Set(["node_modules", ".next"]);

function codeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(rel);
      } else if (CODE_FILE.test(entry.name)) found.push(rel);
    }
  };
  for (const dir of SCANNED_DIRS) {
    if (readdirSync(ROOT).includes(dir)) walk(dir);
  }
  // proxy.ts, next.config.ts, eslint.config.mjs … at the root.
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isFile() && CODE_FILE.test(entry.name)) found.push(entry.name);
  }
  return found.sort();
}

type Chunk = { text: string; line: number };

const TEST_CALL = /^(?:describe|it|test)(?:\.\w+)*$/;

/** The comments of a file, plus the titles of its describe/it/test calls. */
function citableText(file: string): Chunk[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  if (!text.includes(".md")) return [];
  const kind = /x$/.test(file)
    ? ts.ScriptKind.TSX
    : /\.[cm]?js$/.test(file)
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const seen = new Set<number>();
  const chunks: Chunk[] = [];
  const addComments = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      chunks.push({ text: text.slice(range.pos, range.end), line: lineOf(range.pos) });
    }
  };
  const visit = (node: ts.Node) => {
    if (node.kind !== ts.SyntaxKind.JsxText) {
      addComments(ts.getLeadingCommentRanges(text, node.getFullStart()));
      addComments(ts.getTrailingCommentRanges(text, node.getEnd()));
    }
    if (ts.isCallExpression(node) && TEST_CALL.test(node.expression.getText(source))) {
      const title = node.arguments[0];
      if (title && (ts.isStringLiteralLike(title) || ts.isTemplateExpression(title))) {
        chunks.push({ text: title.getText(source), line: lineOf(title.getStart(source)) });
      }
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return chunks;
}

/** Whether `rel` (relative to the root, `/`-separated) exists with exactly this case. */
function existsExactly(rel: string): boolean {
  let dir = ROOT;
  for (const part of rel.split("/")) {
    if (part === "" || part === ".") continue;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return false;
    }
    if (!names.includes(part)) return false;
    dir = path.join(dir, part);
  }
  return true;
}

/** The repository-relative path a citation in `file` names, or null when there is none. */
function resolveCitation(file: string, cited: string): string | null {
  const candidates = [
    path.posix.normalize(cited),
    path.posix.normalize(path.posix.join(path.posix.dirname(file), cited)),
  ];
  return (
    candidates.find((rel) => !rel.startsWith("..") && !rel.startsWith("/") && existsExactly(rel)) ??
    null
  );
}

/** SECURITY.md's ids: headings `### B — …`, `#### B-4 — …`, `### §3 — …` and scenario rows `| S38 |`. */
function securityIds(): Set<string> {
  const ids = new Set<string>();
  const doc = readFileSync(path.join(ROOT, "SECURITY.md"), "utf8");
  for (const m of doc.matchAll(/^#{2,6}\s+(§\d+(?:\.\d+)*|[A-Z](?:-\d+)?|S\d+)\s+—/gm))
    ids.add(m[1]!);
  for (const m of doc.matchAll(/^\|\s*(S\d+)\s*\|/gm)) ids.add(m[1]!);
  return ids;
}

// A file name ending in .md, not part of a URL (`https://…/README.md`) or of a longer name.
const CITATION = /(?<![\w./:-])((?:\.{1,2}\/)?[\w-]+(?:\/[\w.-]+)*\.md)(?![\w-])/g;
// The ids after `SECURITY.md`: `B-4`, `A-8, B-1 to B-4, C-2`, `K-1/K-2`, `§3, K-4`, `G`, `S38`.
const SECURITY_IDS =
  /^(?:(?:\s*(?:,|\/|\band\b|\bto\b)\s*|\s+)(?:§\d+(?:\.\d+)*|[A-L]-\d+|[A-L](?![\w-])|S\d+))+/;
const ONE_ID = /§\d+(?:\.\d+)*|[A-L]-\d+|[A-L](?![\w-])|S\d+/g;

type Citation = { file: string; line: number; cited: string; problem: string };

function problems(): { checked: number; found: Citation[] } {
  const ids = securityIds();
  const docs = new Map<string, string>();
  const docText = (rel: string) => {
    if (!docs.has(rel)) docs.set(rel, readFileSync(path.join(ROOT, rel), "utf8"));
    return docs.get(rel)!;
  };
  let checked = 0;
  const found: Citation[] = [];
  for (const file of codeFiles()) {
    for (const chunk of citableText(file)) {
      for (const match of chunk.text.matchAll(CITATION)) {
        checked++;
        const cited = match[1]!;
        const line = chunk.line + (chunk.text.slice(0, match.index).match(/\n/g)?.length ?? 0);
        const report = (problem: string) => found.push({ file, line, cited, problem });
        const target = resolveCitation(file, cited);
        if (!target) {
          report("no such file in the repository");
          continue;
        }
        const after = chunk.text
          .slice(match.index + match[0].length)
          .replace(/\s*\n\s*\*?\s*/g, " ");
        if (target === "SECURITY.md") {
          const list = SECURITY_IDS.exec(after)?.[0] ?? "";
          for (const id of list.match(ONE_ID) ?? []) {
            if (!ids.has(id)) report(`SECURITY.md has no entry ${id}`);
          }
          continue;
        }
        const doc = docText(target);
        const section = /^\s*§(\d+(?:\.\d+)*)/.exec(after)?.[1];
        if (
          section &&
          !new RegExp(`^#{1,6}\\s+§${section.replaceAll(".", "\\.")}\\b`, "m").test(doc)
        )
          report(`${target} has no heading §${section}`);
        const numbered = /^\s*(journey|rule)\s+(\d+)\b/i.exec(after);
        if (
          numbered &&
          !new RegExp(`^#{1,6}\\s+${numbered[1]}\\s+${numbered[2]}\\b`, "im").test(doc)
        )
          report(`${target} has no heading "${numbered[1]} ${numbered[2]}"`);
        const quoted = /^,?\s*"([^"]+)"/.exec(after)?.[1];
        if (quoted && !doc.includes(quoted)) report(`${target} does not contain "${quoted}"`);
      }
    }
  }
  return { checked, found };
}

describe("citations of documents in comments", () => {
  it("name only documents (and SECURITY.md entries) that are in this repository", () => {
    const { checked, found } = problems();
    expect(checked).toBeGreaterThan(20); // the scan did see the code's citations
    expect(found.map((c) => `${c.file}:${c.line}: ${c.cited} — ${c.problem}`)).toEqual([]);
  });

  it("are resolved with their exact case", () => {
    expect(resolveCitation("lib/x.ts", "SECURITY.md")).toBe("SECURITY.md");
    expect(resolveCitation("lib/x.ts", "security.md")).toBeNull();
    expect(resolveCitation("lib/x.ts", "docs/kisi-api.md")).toBe("docs/kisi-api.md");
    // Relative to the citing file when the root has no such path.
    expect(resolveCitation("lib/kisi/x.ts", "emulator/README.md")).toBe(
      "lib/kisi/emulator/README.md",
    );
  });
});
