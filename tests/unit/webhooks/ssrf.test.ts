import { describe, expect, it } from "vitest";
import {
  isForbiddenAddress,
  resolveWebhookTarget,
  WebhookUrlRefused,
  type Resolver,
} from "@/lib/webhooks/ssrf";

/** A resolver that answers from a table: no real DNS is asked, no traffic leaves. */
const table =
  (entries: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = entries[host];
    if (!found) throw new Error(`ENOTFOUND ${host}`);
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "allowed",
    (e: unknown) => (e instanceof WebhookUrlRefused ? e.reason : `other: ${String(e)}`),
  );

describe("isForbiddenAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd00:ec2::254",
    "fc00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::a00:1",
    "2002:a00:1::",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows the public %s",
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );
});

describe("resolveWebhookTarget", () => {
  const off = { allowPrivate: false, resolve: table({}) };

  it.each([
    ["https://127.0.0.1/hook", "private_address"],
    ["https://10.0.0.1/hook", "private_address"],
    ["https://169.254.169.254/latest/meta-data", "private_address"],
    ["https://[::1]/hook", "private_address"],
    ["https://[fd00:ec2::254]/", "private_address"],
    ["https://[::ffff:7f00:1]/", "private_address"],
    ["http://93.184.216.34/hook", "scheme"],
    ["ftp://93.184.216.34/hook", "scheme"],
    ["https://user:pw@93.184.216.34/hook", "credentials"],
    ["https://unknown.invalid/hook", "unresolvable"],
  ])("with private targets off, %s is refused (%s)", async (url, reason) => {
    expect(await refusal(resolveWebhookTarget(url, off))).toBe(reason);
  });

  it("a hostname that resolves to a private address is refused, also when only one of its addresses is", async () => {
    const resolve = table({
      "internal.example.com": ["10.1.2.3"],
      "mixed.example.com": ["93.184.216.34", "192.168.0.10"],
      "public.example.com": ["93.184.216.34"],
    });
    expect(
      await refusal(
        resolveWebhookTarget("https://internal.example.com/h", { allowPrivate: false, resolve }),
      ),
    ).toBe("private_address");
    expect(
      await refusal(
        resolveWebhookTarget("https://mixed.example.com/h", { allowPrivate: false, resolve }),
      ),
    ).toBe("private_address");
    // Pinned: the connection goes to the address that was checked.
    await expect(
      resolveWebhookTarget("https://public.example.com/h", { allowPrivate: false, resolve }),
    ).resolves.toMatchObject({ address: "93.184.216.34", family: 4 });
  });

  it("with private targets allowed (demo), loopback is reachable, plain http only on loopback", async () => {
    const on = {
      allowPrivate: true,
      resolve: table({ localhost: ["127.0.0.1"], lan: ["10.0.0.5"] }),
    };
    expect(await refusal(resolveWebhookTarget("http://127.0.0.1:3830/h", on))).toBe("allowed");
    expect(await refusal(resolveWebhookTarget("http://localhost:3830/h", on))).toBe("allowed");
    expect(await refusal(resolveWebhookTarget("https://10.0.0.1/h", on))).toBe("allowed");
    expect(await refusal(resolveWebhookTarget("http://10.0.0.1/h", on))).toBe("scheme");
    expect(await refusal(resolveWebhookTarget("http://lan/h", on))).toBe("scheme");
  });
});
