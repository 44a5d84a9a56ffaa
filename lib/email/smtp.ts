import "server-only";
import nodemailer from "nodemailer";
import type { ComposedEmail } from "./compose-access-email";

export type MailSender = (email: ComposedEmail) => Promise<void>;

/**
 * Sends through SMTP_URL. Timeouts are explicit: nodemailer's defaults (2 min to connect,
 * 10 min idle) would pin a worker for minutes on a dead server (SECURITY.md K-4).
 */
export function createSmtpSender(
  url: string,
  timeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 },
): MailSender {
  const parsed = new URL(url);
  const transport = nodemailer.createTransport({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : parsed.protocol === "smtps:" ? 465 : 587,
    secure: parsed.protocol === "smtps:",
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  });
  return async (email) => {
    await transport.sendMail({
      from: email.from,
      to: email.to,
      replyTo: email.replyTo,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      headers: { "Auto-Submitted": "auto-generated" },
      ...(email.ics
        ? { icalEvent: { filename: "visit.ics", method: "PUBLISH", content: email.ics } }
        : {}),
    });
  };
}
