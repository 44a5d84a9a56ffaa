import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveStudioRole } from "@/lib/auth/guards";
import { emailOutbox, staffInvitations, user } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS } from "@/lib/demo/constants";
import { createSmtpSender } from "@/lib/email/smtp";
import { processOutboxOnce, type OutboxDeps } from "@/lib/email/worker";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { createInvitation } from "@/lib/team/invitations";
import { inviteBodySchema } from "@/lib/schemas/team";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { startSmtpSink } from "../../support/smtp-sink";

let fx: AccessFixture;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ownerId: string;

beforeAll(async () => {
  fx = await setupAccessFixture();
  sink = await startSmtpSink();
  const [owner] = await fx.db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, DEMO_ACCOUNT.email));
  ownerId = owner!.id;
});
afterAll(async () => {
  await sink.close();
  await fx.close();
});
beforeEach(async () => {
  sink.received.length = 0;
  await fx.db.delete(emailOutbox);
  await fx.db.delete(staffInvitations);
});

const ORIGIN = "https://access.example.com";
const deps = (): OutboxDeps => ({
  db: fx.db,
  keyring: fx.config.encryption,
  appOrigin: ORIGIN,
  fromAddress: "Latchkey <access@latchkey.test>",
  send: createSmtpSender(sink.url),
});

async function invite(email: string, locale = "en", role = "front_desk") {
  return createInvitation(
    { db: fx.db, keyring: fx.config.encryption, appOrigin: ORIGIN },
    { userId: ownerId, ...(await resolveStudioRole(fx.db, ownerId, DEMO_IDS.studio))! },
    inviteBodySchema.parse({ email, role, locale }),
  );
}

describe("the staff invitation email", () => {
  it("arrives branded with the one-time URL, and the outbox then forgets the token", async () => {
    const { url } = await invite("new.person@example.com");
    expect(await processOutboxOnce(deps())).toMatchObject({ claimed: 1, delivered: 1, failed: 0 });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.subject).toBe(`You are invited to join ${DEMO_SEED.placeName}`);
    expect(mail.from?.value[0]).toEqual({
      name: DEMO_SEED.placeName,
      address: "access@latchkey.test",
    });
    expect(mail.to && "value" in mail.to ? mail.to.value[0]?.address : null).toBe(
      "new.person@example.com",
    );
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain("#7c3aed"); // the demo studio's colour
    expect(mail.html).toContain('lang="en"');
    expect(mail.text).toContain(url);
    expect(mail.text).toContain(
      `${DEMO_ACCOUNT.name} invited you to work at ${DEMO_SEED.placeName} as Front desk.`,
    );
    // No calendar entry for an invitation.
    expect(mail.attachments).toEqual([]);

    const [row] = await fx.db.select().from(emailOutbox);
    expect(row).toMatchObject({
      kind: "staff_invitation",
      status: "sent",
      tokenCiphertext: null,
      htmlBody: null,
    });
    expect(await processOutboxOnce(deps())).toMatchObject({ claimed: 0 });
  });

  it("speaks the invitee's language", async () => {
    await invite("nouvelle@example.com", "fr", "manager");
    await processOutboxOnce(deps());
    const mail = sink.received[0]!;
    expect(mail.subject).toBe(`Vous êtes invité·e à rejoindre ${DEMO_SEED.placeName}`);
    expect(mail.text).toContain("en tant que Responsable");
    expect(mail.html).toContain('lang="fr"');
  });

  it("shares the worker with access emails, which keep their link and calendar entry", async () => {
    await invite("both@example.com");
    const { link } = await fx.issue({ guestEmail: "guest@example.com", sendEmail: true });
    expect(await processOutboxOnce(deps())).toMatchObject({ claimed: 2, delivered: 2 });
    const access = sink.received.find((m) => m.subject?.startsWith("Your access"));
    expect(access?.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(true);
    const rows = await fx.db.select().from(emailOutbox);
    expect(rows.find((r) => r.kind === "access_link")).toMatchObject({
      linkId: link.id,
      invitationId: null,
      status: "sent",
    });
  });

  it("a row names exactly one subject: the database refuses anything else", async () => {
    const { invitation } = await invite("check@example.com");
    const { link } = await fx.issue();
    const base = { studioId: DEMO_IDS.studio, recipient: "x@example.com", locale: "en" };
    await expect(
      fx.db.insert(emailOutbox).values({ ...base, kind: "access_link", linkId: null }),
    ).rejects.toThrow();
    await expect(
      fx.db
        .insert(emailOutbox)
        .values({ ...base, kind: "access_link", linkId: link.id, invitationId: invitation.id }),
    ).rejects.toThrow();
    await expect(
      fx.db.insert(emailOutbox).values({ ...base, kind: "staff_invitation", linkId: link.id }),
    ).rejects.toThrow();
    await fx.db
      .insert(emailOutbox)
      .values({ ...base, kind: "staff_invitation", invitationId: invitation.id });
  });
});
