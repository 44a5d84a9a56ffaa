import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/proxy";

const directive = (csp: string, name: string) =>
  csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("the pages' Content-Security-Policy and the geofence map", () => {
  it("fetches from nowhere but Latchkey itself without a map style", () => {
    const csp = contentSecurityPolicy("n0nce", true, true);
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data: blob:");
    expect(directive(csp, "worker-src")).toBeUndefined();
  });

  it("lets a dashboard page fetch the style's origin, show its tiles and start MapLibre's worker", () => {
    const csp = contentSecurityPolicy("n0nce", true, true, "https://tiles.example.com");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' https://tiles.example.com");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data: blob: https://tiles.example.com");
    expect(directive(csp, "worker-src")).toBe("worker-src 'self' blob:");
    // Scripts stay nonce-only: the map adds no script source.
    expect(directive(csp, "script-src")).toMatch(
      /^script-src 'self' 'nonce-n0nce' 'strict-dynamic'/,
    );
  });
});
