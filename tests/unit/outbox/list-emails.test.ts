import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accessLinks, emailOutbox } from "@/lib/db/schema";
import { queryRows } from "@/lib/db/connect";
import { DEMO_IDS } from "@/lib/demo/constants";
import { processOutboxOnce } from "@/lib/email/worker";
import { listOutboxEmails, readOutboxEmail } from "@/lib/outbox/list-emails";
import { listOutboxQuerySchema } from "@/lib/outbox/schemas";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(async () => {
  await fx.close();
});
beforeEach(async () => {
  await fx.db.delete(emailOutbox);
});

const query = (q: Record<string, string> = {}) => listOutboxQuerySchema.parse(q);
const composeDeps = () => ({
  db: fx.db,
  keyring: fx.config.encryption,
  appOrigin: fx.config.appOrigin,
  fromAddress: "Latchkey <access@latchkey.test>",
});

async function issueWithEmail(name: string, studioId: string = DEMO_IDS.studio) {
  return fx.issue({
    studioId,
    guestName: name,
    guestEmail: `${name}@example.com`,
    sendEmail: true,
  });
}

describe("a studio's outbox", () => {
  it("lists only this studio's emails, newest first, with no token or URL in the list", async () => {
    const first = await issueWithEmail("ada");
    const second = await issueWithEmail("bo");
    const other = await issueWithEmail("cy", DEMO_IDS.otherStudio);

    const { items, nextCursor } = await listOutboxEmails(fx.db, DEMO_IDS.studio, query());
    expect(items.map((e) => e.recipient)).toEqual(["bo@example.com", "ada@example.com"]);
    expect(items[0]).toMatchObject({
      kind: "access_link",
      status: "pending",
      attempts: 0,
      link: { id: second.link.id, guestName: "bo" },
      canResend: false,
    });
    expect(nextCursor).toBeNull();

    const json = JSON.stringify(items);
    for (const token of [first.token, second.token, other.token]) expect(json).not.toContain(token);
    expect(json).not.toContain("/access/");
    expect(json).not.toContain("cy@example.com");

    const theirs = await listOutboxEmails(fx.db, DEMO_IDS.otherStudio, query());
    expect(theirs.items.map((e) => e.recipient)).toEqual(["cy@example.com"]);
  });

  it("pages with a cursor without repeating or skipping rows, and filters by status", async () => {
    for (const name of ["a1", "a2", "a3"]) await issueWithEmail(name);
    const page1 = await listOutboxEmails(fx.db, DEMO_IDS.studio, query({ limit: "2" }));
    expect(page1.items.map((e) => e.recipient)).toEqual(["a3@example.com", "a2@example.com"]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await listOutboxEmails(
      fx.db,
      DEMO_IDS.studio,
      query({ limit: "2", cursor: page1.nextCursor! }),
    );
    expect(page2.items.map((e) => e.recipient)).toEqual(["a1@example.com"]);
    expect(page2.nextCursor).toBeNull();

    await fx.db
      .update(emailOutbox)
      .set({ status: "failed", lastError: "connect ECONNREFUSED", attempts: 2 })
      .where(eq(emailOutbox.recipient, "a2@example.com"));
    const failed = await listOutboxEmails(fx.db, DEMO_IDS.studio, query({ status: "failed" }));
    expect(failed.items).toEqual([
      expect.objectContaining({
        recipient: "a2@example.com",
        lastError: "connect ECONNREFUSED",
        attempts: 2,
        nextAttemptAt: expect.any(String),
        canResend: true,
      }),
    ]);
  });

  it("refuses a forged cursor as a client mistake", async () => {
    await expect(
      listOutboxEmails(fx.db, DEMO_IDS.studio, query({ cursor: "bm90LWEtY3Vyc29y" })),
    ).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("offers a resend only for a failed or dead access email of a link that still works", async () => {
    const { link } = await issueWithEmail("dee");
    await fx.db.update(emailOutbox).set({ status: "dead" });
    const before = await listOutboxEmails(fx.db, DEMO_IDS.studio, query());
    expect(before.items[0]?.canResend).toBe(true);
    await fx.db
      .update(accessLinks)
      .set({ status: "revoked", revokedAt: new Date() })
      .where(eq(accessLinks.id, link.id));
    const after = await listOutboxEmails(fx.db, DEMO_IDS.studio, query());
    expect(after.items[0]?.canResend).toBe(false);
  });

  it("lists a staff invitation without offering a resend (that is the Team tab's) or a preview", async () => {
    // Its token is kept only until the email is out, so it cannot be composed again afterwards.
    const [created] = await queryRows<{ id: string }>(
      fx.db,
      sql`insert into staff_invitations (organization_id, studio_id, token_hash, email, role, locale, expires_at)
          values (${DEMO_IDS.organization}, ${DEMO_IDS.studio}, 'not-a-real-hash', 'staff@example.com',
                  'front_desk', 'en', now() + interval '7 days')
          returning id`,
    );
    await fx.db.execute(
      sql`insert into email_outbox (invitation_id, studio_id, kind, recipient, locale, status)
          values (${created!.id}, ${DEMO_IDS.studio}, 'staff_invitation', 'staff@example.com', 'en', 'dead')`,
    );
    const { items } = await listOutboxEmails(fx.db, DEMO_IDS.studio, query());
    const invitation = items.find((e) => e.recipient === "staff@example.com");
    expect(invitation).toMatchObject({ kind: "staff_invitation", canResend: false });
    const detail = await readOutboxEmail(composeDeps(), DEMO_IDS.studio, invitation!.id);
    expect(detail.content).toBeNull();
  });
});

describe("reading one email", () => {
  it("composes a captured email again, branded and with the guest's link; never another studio's", async () => {
    const { token } = await issueWithEmail("fay");
    expect(await processOutboxOnce({ ...composeDeps(), send: null })).toMatchObject({
      delivered: 1,
    });
    const [row] = await fx.db.select().from(emailOutbox);
    expect(row).toMatchObject({ status: "captured", htmlBody: null, textBody: null });

    const email = await readOutboxEmail(composeDeps(), DEMO_IDS.studio, row!.id);
    expect(email.status).toBe("captured");
    expect(email.content?.subject).toContain("Your access to");
    expect(email.content?.html).toContain(`/access/${token}`);
    expect(email.content?.html).toContain("#7c3aed");
    expect(email.content?.text).toContain("Hi fay,");

    await expect(
      readOutboxEmail(composeDeps(), DEMO_IDS.otherStudio, row!.id),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(readOutboxEmail(composeDeps(), DEMO_IDS.studio, "nope")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
