import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT } from "../../lib/demo/constants";
import type { RecordedRequest } from "../../lib/kisi/emulator/types";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { SPARE_PORT } from "../../playwright.config";
import { startSmtpSink } from "../support/smtp-sink";
import { expectNoA11yViolations } from "./support/axe";
import { issueFromSheet, rowAction } from "./support/links-ui";

/**
 * Issue #4's "Done when": the whole email journey through a real SMTP server. This file starts
 * its own Latchkey (`npm run demo` with SMTP_URL pointing at a local smtp-server) on the spare
 * port, with its own data folder and Kisi emulator, so it sends for real and touches nothing
 * the other spec files use.
 */
const ORIGIN = `http://127.0.0.1:${SPARE_PORT}`;
const KISI = `http://127.0.0.1:${SPARE_PORT + 1}`;
const DATA_DIR = "data/e2e-smtp";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: ORIGIN, viewport: { width: 1024, height: 900 } });

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let server: ChildProcess;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(240_000);
  sink = await startSmtpSink();
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = spawn(
    "npm",
    ["run", "demo", "--", "--port", String(SPARE_PORT), "--kisi-port", String(SPARE_PORT + 1)],
    {
      env: {
        ...process.env,
        LATCHKEY_DATA_DIR: DATA_DIR,
        LATCHKEY_DOOR_CACHE_SECONDS: "0",
        SMTP_URL: sink.url,
        EMAIL_FROM: "Latchkey <access@latchkey.test>",
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await expect
    .poll(
      async () => {
        if (server.exitCode !== null) throw new Error(`the demo exited:\n${output}`);
        return fetch(`${ORIGIN}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      { timeout: 200_000, intervals: [500] },
    )
    .toBe(true);
  // The server's start-up line: this instance sends through SMTP rather than capturing.
  await expect.poll(() => output, { timeout: 10_000 }).toContain('"email":"smtp"');
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await sink?.close();
});

test("an owner creates a studio, issues a link by email, and the guest's mail works from resend to revoke", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // Sign in and create a studio against the emulator, through the UI.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_ACCOUNT.email);
  await page.getByLabel("Password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "New studio" }).click();
  await expect(page.getByLabel("Studio name")).toBeFocused();
  await page.getByLabel("Studio name").fill("SMTP Studio");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Kisi API key").fill(DEMO_SEED.apiKey);
  await expectNoA11yViolations(page, { exclude: "iframe" });
  await page.getByRole("button", { name: "Create studio and connect Kisi" }).click();
  await expect(page.getByRole("heading", { name: "Pick the Kisi group" })).toBeFocused();
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    `(…${DEMO_SEED.apiKey.slice(-4)}) connected`,
  );
  await page.getByRole("radio", { name: DEMO_SEED.groupName }).check();
  await expectNoA11yViolations(page, { exclude: "iframe" });
  await page.getByRole("button", { name: "Use this group and open the studio" }).click();
  // A new studio opens on its "Today" page, where the onboarding checklist is.
  await expect(page).toHaveURL(/\/dashboard\/studios\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "SMTP Studio", level: 1 })).toBeVisible();
  const studioId = page.url().split("/").at(-1)!;
  await page
    .getByRole("navigation", { name: "Studio" })
    .getByRole("link", { name: "Links" })
    .click();
  await expect(page).toHaveURL(/\/links$/);
  const settings = (await (await page.request.get(`/api/studios/${studioId}`)).json()) as {
    kisi: { groupId: number };
    branding: { palette: { primary: string } };
  };
  expect(settings.kisi.groupId).toBe(DEMO_SEED.groupId);

  // Issue a link with an email: it arrives at the SMTP server, branded, with text and .ics.
  await issueFromSheet(page, { name: "Sam Smtp", email: "sam@example.com" });
  await page.getByRole("button", { name: "Done" }).click();
  await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(1);
  const mail = sink.received[0]!;
  expect(mail.subject).toBe("Your access to SMTP Studio");
  expect(mail.from?.value[0]).toEqual({ name: "SMTP Studio", address: "access@latchkey.test" });
  expect(mail.html || "").toContain("SMTP Studio");
  expect(mail.html || "").toContain(settings.branding.palette.primary);
  const url = /href="(http:\/\/127\.0\.0\.1:\d+\/access\/[A-Za-z0-9_-]+)"/.exec(
    mail.html || "",
  )?.[1];
  expect(url?.startsWith(`${ORIGIN}/access/`)).toBe(true);
  expect(mail.text).toContain(url);
  expect(mail.text).toContain("Hi Sam Smtp,");
  const ics = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(ics?.content.toString("utf8")).toContain("BEGIN:VEVENT");

  // The guest opens the link.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(url!);
  await expect(guestPage.getByRole("heading", { name: "Your doors" })).toBeVisible();

  // Resend: a second email with the same link.
  await rowAction(page, "Sam Smtp", "Resend email");
  await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(2);
  expect(sink.received[1]!.text).toContain(url);

  // The mail server goes away: the next email fails, the outbox says so, and once the server
  // is back a resend from the outbox page gets through.
  const port = sink.port;
  await sink.close();
  await rowAction(page, "Sam Smtp", "Resend email");
  // The first resend's toast may still be up: this resend's is the last one.
  await expect(page.getByText("The email to Sam Smtp is on its way again.").last()).toBeVisible();
  await page.getByRole("link", { name: "Emails", exact: true }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  const failed = page.getByRole("listitem").filter({ hasText: "Failed, will retry" });
  await expect(failed).toHaveCount(1, { timeout: 45_000 });
  await expect(failed).toContainText("Last error:");
  await expect(failed).toContainText("Next attempt");
  await expect(page.getByRole("listitem").filter({ hasText: "Sent" })).toHaveCount(2);
  await expectNoA11yViolations(page, { exclude: "iframe" });
  sink = await startSmtpSink(port);
  await failed.getByRole("button", { name: "Resend — sam@example.com" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "A new email to sam@example.com is on its way.",
  );
  await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  expect(sink.received[0]!.text).toContain(url);

  // Extend by a day: Kisi's link is replaced behind the same URL, which keeps working.
  await page.getByRole("link", { name: "Links", exact: true }).click();
  await rowAction(page, "Sam Smtp", "Extend by a day");
  await expect(page.getByText("Sam Smtp's link now runs a day longer.")).toBeVisible();
  await guestPage.goto(url!);
  await expect(guestPage.getByRole("heading", { name: "Your doors" })).toBeVisible();

  // Revoke: the page says so, and the emulator saw Kisi's link deleted (the extension deleted
  // the replaced one already: only requests from here on count).
  await page.request.delete(`${KISI}/__emulator/requests`);
  await rowAction(page, "Sam Smtp", "Revoke…");
  await page.getByRole("button", { name: "Revoke Sam Smtp's link" }).click();
  await expect(page.getByText("Sam Smtp's link was revoked.")).toBeVisible();
  await guestPage.goto(url!);
  await expect(guestPage.getByRole("heading", { name: "This link was cancelled" })).toBeVisible();
  await expect
    .poll(
      async () => {
        const requests = (await (
          await page.request.get(`${KISI}/__emulator/requests`)
        ).json()) as RecordedRequest[];
        return requests.filter((r) => r.method === "DELETE" && r.path.startsWith("/group_links/"))
          .length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(1);
  await guest.close();
});
