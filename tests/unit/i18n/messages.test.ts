import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";

type Tree = { [key: string]: string | Tree };

function load(locale: string): Tree {
  return JSON.parse(
    readFileSync(path.join(process.cwd(), "lib/i18n/messages", `${locale}.json`), "utf8"),
  ) as Tree;
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** ICU placeholders ({name}, {count, plural, …}) and rich-text tags (<b>) of a message. */
function placeholders(message: string): string[] {
  const names = [...message.matchAll(/\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? "");
  const tags = [...message.matchAll(/<\/?([A-Za-z0-9_]+)>/g)].map((m) => `<${m[1] ?? ""}>`);
  return [...new Set([...names, ...tags])].sort();
}

const reference = flatten(load("en"));

describe("message catalogues", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the keys of en", (locale) => {
    const messages = flatten(load(locale));
    expect([...messages.keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it.each(LOCALES)("%s has no empty message and the same placeholders as en", (locale) => {
    for (const [key, message] of flatten(load(locale))) {
      expect(message.trim(), `${locale}:${key}`).not.toBe("");
      expect(placeholders(message), `${locale}:${key}`).toEqual(
        placeholders(reference.get(key) ?? ""),
      );
    }
  });

  it("keeps namespaces sorted so catalogues diff cleanly", () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(load(locale));
      expect(keys, locale).toEqual([...keys].sort());
    }
  });
});
