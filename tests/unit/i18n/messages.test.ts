import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { loadMessages, MESSAGE_FEATURES } from "@/lib/i18n/messages";

type Tree = { [key: string]: string | Tree };

const FILES = ["", ...MESSAGE_FEATURES.map((feature) => `${feature}.`)];

function loadFile(prefix: string, locale: string): Tree {
  return JSON.parse(
    readFileSync(path.join(process.cwd(), "lib/i18n/messages", `${prefix}${locale}.json`), "utf8"),
  ) as Tree;
}

/** Every file of a locale, merged the way lib/i18n/messages.ts merges them. */
function load(locale: string): Tree {
  return Object.assign({}, ...FILES.map((prefix) => loadFile(prefix, locale))) as Tree;
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
  // A name directly followed by "}" or ",": the words of a plural branch ({you're next}) are not.
  const names = [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1] ?? "");
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
      for (const prefix of FILES) {
        const keys = Object.keys(loadFile(prefix, locale));
        expect(keys, `${prefix}${locale}`).toEqual([...keys].sort());
      }
    }
  });

  it("never defines a namespace in two files, which would silently shadow one", () => {
    const seen = new Map<string, string>();
    for (const prefix of FILES) {
      for (const namespace of Object.keys(loadFile(prefix, "en"))) {
        expect(seen.get(namespace), `${namespace} in ${prefix}en.json`).toBeUndefined();
        seen.set(namespace, `${prefix}en.json`);
      }
    }
  });

  it.each(LOCALES)("the runtime loader merges exactly these files for %s", async (locale) => {
    expect(await loadMessages(locale)).toEqual(load(locale));
  });
});
