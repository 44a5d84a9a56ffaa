import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run lint` forbids import loops in app/, components/ and lib/ (eslint.config.mjs). This
 * shows the project's own configuration catching one — so a lint run that passes means there
 * is none — and letting a type-only import point back, the documented exception.
 */
describe("the import-loop rule", () => {
  const root = path.resolve(__dirname, "../../..");
  let dir: string;
  beforeAll(() => {
    // Inside lib/, where the rule applies; a fresh name per run, removed afterwards.
    dir = mkdtempSync(path.join(root, "lib", "lint-probe-"));
    writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = () => b;\n');
    writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
    writeFileSync(
      path.join(dir, "c.ts"),
      'import type { D } from "./d";\nexport type C = { d?: D };\nexport const c = 1;\n',
    );
    writeFileSync(
      path.join(dir, "d.ts"),
      'import { c } from "./c";\nexport type D = { c: typeof c };\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cycleMessages(file: string) {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintFiles([path.join(dir, file)]);
    return (result?.messages ?? []).filter((m) => m.ruleId === "import/no-cycle");
  }

  it("refuses two modules that import each other", async () => {
    expect(await cycleMessages("a.ts")).toHaveLength(1);
    expect(await cycleMessages("b.ts")).toHaveLength(1);
  }, 60_000);

  it("lets a type-only import point back", async () => {
    expect(await cycleMessages("c.ts")).toHaveLength(0);
    expect(await cycleMessages("d.ts")).toHaveLength(0);
  }, 60_000);
});

describe("the one-client rule", () => {
  const root = path.resolve(__dirname, "../../..");

  async function restricted(file: string, code: string) {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-globals");
  }

  it("refuses a fetch in a component, and allows it in components/api/", async () => {
    const code = 'export const load = () => fetch("/api/studios");\n';
    expect(await restricted("components/admin/probe.ts", code)).toHaveLength(1);
    expect(await restricted("components/api/probe.ts", code)).toHaveLength(0);
  }, 60_000);
});
