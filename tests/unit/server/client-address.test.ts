import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  markClientAddressTrusted,
  normalizeAddress,
  resolveClientAddress,
} from "@/lib/server/client-address";
import { gateRequest, isWellFormedTarget } from "@/lib/server/request-gate";

describe("resolveClientAddress", () => {
  it.each([
    // Nothing in front (TRUSTED_PROXY_HOPS=0): the socket, whatever the client wrote.
    [undefined, "198.51.100.4", 0, "198.51.100.4"],
    ["203.0.113.66", "198.51.100.4", 0, "198.51.100.4"],
    ["203.0.113.66, 10.0.0.1", "::ffff:198.51.100.4", 0, "198.51.100.4"],
    // Behind one proxy that appends: the client's own "1.2.3.4" is ignored.
    ["198.51.100.4", "10.0.0.9", 1, "198.51.100.4"],
    ["1.2.3.4, 198.51.100.4", "10.0.0.9", 1, "198.51.100.4"],
    [["1.2.3.4", "198.51.100.4"], "10.0.0.9", 1, "198.51.100.4"],
    // Behind two (CDN → load balancer): the entry the CDN saw.
    ["1.2.3.4, 198.51.100.4, 10.0.0.2", "10.0.0.9", 2, "198.51.100.4"],
    // Fewer entries than proxies: the request skipped one, so only the socket is trusted.
    ["198.51.100.4", "10.0.0.9", 3, "10.0.0.9"],
    [undefined, "10.0.0.9", 1, "10.0.0.9"],
    // Not an address where a proxy's entry should be: the socket.
    ["<script>", "10.0.0.9", 1, "10.0.0.9"],
    ["2001:DB8::1", "10.0.0.9", 1, "2001:db8::1"],
    [undefined, undefined, 0, "unknown"],
  ])("%j from socket %j with %i trusted hops → %j", (forwarded, socket, hops, expected) => {
    expect(resolveClientAddress(forwarded, socket, hops)).toBe(expected);
  });

  it("normalizes IPv4-mapped IPv6 and case", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("2001:DB8::A")).toBe("2001:db8::a");
  });
});

describe("isWellFormedTarget", () => {
  it.each([
    ["/access/abc", true],
    ["/access/%C3%A9", true],
    ["/api/studios/x/links?q=%ff", true],
    ["/access/%ff", false],
    ["/access/%E0%A4%A", false],
    ["/dashboard/studios/%", false],
  ])("%j → %j", (target, ok) => {
    expect(isWellFormedTarget(target)).toBe(ok);
  });
});

/**
 * The gate in front of a stand-in for Next's handler that echoes what it was given: a real HTTP
 * server and real sockets, so the address really comes from the connection.
 */
describe("gateRequest on a real socket", () => {
  let servers: Server[] = [];
  const seen: Array<Record<string, string | string[] | undefined>> = [];

  function listen(hops: number): Promise<number> {
    const server = createServer((req, res) => {
      if (!gateRequest(req, res, { trustedProxyHops: hops })) return;
      seen.push({ ...req.headers });
      const forRoute = new Headers();
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        forRoute.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      res.end(JSON.stringify({ address: clientAddressOf(forRoute) }));
    });
    servers.push(server);
    return new Promise((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
    );
  }

  function get(port: number, path: string, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on("error", reject);
        req.end();
      },
    );
  }

  beforeAll(() => markClientAddressTrusted());
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    servers = [];
  });

  it("with no proxy, a forged X-Forwarded-For and a forged client-address header change nothing", async () => {
    const port = await listen(0);
    const res = await get(port, "/api/access/doors", {
      "X-Forwarded-For": "203.0.113.77",
      "X-Latchkey-Client-Address": "203.0.113.78",
    });
    expect(JSON.parse(res.body)).toEqual({ address: "127.0.0.1" });
    expect(seen.at(-1)![CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
  });

  it("behind one proxy, the entry it appended, not the client's own", async () => {
    const port = await listen(1);
    const res = await get(port, "/", {
      "X-Forwarded-For": "6.6.6.6, 198.51.100.4",
      [CLIENT_ADDRESS_HEADER]: "6.6.6.6",
    });
    expect(JSON.parse(res.body)).toEqual({ address: "198.51.100.4" });
  });

  it.each(["/access/%ff", "/invite/%ff", "/dashboard/studios/%ff", "/api/studios/%ff/links"])(
    "answers %s with 400, the security headers and a message in the caller's language",
    async (path) => {
      const port = await listen(0);
      const before = seen.length;
      const res = await get(port, path, { "Accept-Language": "de-DE,de;q=0.9" });
      expect(res.status).toBe(400);
      expect(seen.length, "Next never saw it").toBe(before);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["cache-control"]).toBe("no-store");
      const message =
        "Diese Adresse ist ungültig. Prüfen Sie den Link und versuchen Sie es erneut.";
      if (path.startsWith("/api/"))
        expect(JSON.parse(res.body)).toEqual({ error: { code: "malformed_url", message } });
      else expect(res.body).toBe(message);
    },
  );
});
