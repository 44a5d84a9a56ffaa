import { describe, expect, it } from "vitest";
import { negotiateLocale, resolveLocale } from "@/lib/i18n/locales";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["fr", "fr"],
    ["fr-CH, fr;q=0.9, en;q=0.8", "fr"],
    ["de-AT", "de"],
    ["ja, nl;q=0.5", "nl"],
    ["en;q=0.3, es;q=0.9", "es"],
    ["it;q=0, de;q=0.1", "de"],
    ["pt-BR, ja", "en"],
    ["*", "en"],
    ["NL-be", "nl"],
    ["garbage;;q=x, fr", "fr"],
  ])("%j → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("resolveLocale", () => {
  it("prefers the explicit locale, then the cookie, then Accept-Language", () => {
    expect(resolveLocale({ explicit: "it", cookie: "de", acceptLanguage: "fr" })).toBe("it");
    expect(resolveLocale({ explicit: "xx", cookie: "de", acceptLanguage: "fr" })).toBe("de");
    expect(resolveLocale({ cookie: "zz", acceptLanguage: "fr" })).toBe("fr");
    expect(resolveLocale({})).toBe("en");
  });
});
