import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rawEnvSchema } from "@/lib/config/schema";

describe(".env.example", () => {
  it("documents every variable Latchkey reads (NODE_ENV is Next's own)", () => {
    const example = readFileSync(".env.example", "utf8");
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read = Object.keys(rawEnvSchema.shape).filter((k) => k !== "NODE_ENV");
    expect(read.filter((k) => !documented.has(k))).toEqual([]);
  });
});
