import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT } from "../../lib/demo/constants";
import { SPARE_PORT } from "../../playwright.config";
import { startSpareDemo } from "../support/spare-demo";

/**
 * Issue #15: `npm start` reachable directly, as the demo runs it (TRUSTED_PROXY_HOPS=0, the
 * default). Every request forges a new X-Forwarded-For (and our own client-address header): it
 * used to get a fresh bucket each time, so neither the token-guessing limit nor the sign-in
 * throttle ever said 429. This file starts its own demo on the spare port with its own data.
 */
const ORIGIN = `http://127.0.0.1:${SPARE_PORT}`;
const DATA_DIR = "data/e2e-client-address";
const forged = () => {
  const [a, b] = randomBytes(2);
  return { "X-Forwarded-For": `198.18.${a}.${b}`, "X-Latchkey-Client-Address": `198.19.${b}.${a}` };
};

test.describe.configure({ mode: "serial" });

let demo: Awaited<ReturnType<typeof startSpareDemo>>;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startSpareDemo(DATA_DIR, { TRUSTED_PROXY_HOPS: "0" });
});
test.afterAll(async () => {
  await demo?.stop();
});

test("a forged X-Forwarded-For per request does not reset the token-guessing limit", async ({
  request,
}) => {
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const res = await request.get(`${ORIGIN}/api/access/doors`, {
      headers: { ...forged(), Authorization: `Bearer ${randomBytes(32).toString("base64url")}` },
    });
    statuses.push(res.status());
  }
  // 30 unknown tokens per address per 10 minutes; the socket is the address.
  expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
  expect(statuses[30]).toBe(429);
});

test("a forged X-Forwarded-For per request does not reset the sign-in throttle", async ({
  request,
}) => {
  const attempt = (password: string) =>
    request.post(`${ORIGIN}/api/auth/sign-in/email`, {
      headers: { ...forged(), Origin: ORIGIN },
      data: { email: "manager@latchkey.test", password },
    });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await attempt("wrong-password-123")).status());
  // The demo's default: 5 sign-ins per address per minute.
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  expect((await attempt(DEMO_ACCOUNT.password)).status()).toBe(429);
});
