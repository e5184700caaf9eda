import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { newSecret } from "../security/tokens";
import { devMailAttachment, listDevMailbox, MailDeliveryError, sendMail, smtpTransportFromUrl, type MailTransport } from "./index";
import { passwordResetEmail } from "./templates";
import { startSmtpReceiver, type SmtpReceiver } from "@/tests/fixtures/smtp-receiver";

let smtp: SmtpReceiver;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
});

afterAll(() => smtp.close());

function uniqueEmail(label: string): string {
  return `${label}-${newSecret(6).toLowerCase().replace(/[^a-z0-9]/g, "x")}@example.com`;
}

/** Undoes quoted-printable soft line breaks and escapes, so long links can be searched for. */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe("sendMail over SMTP", () => {
  it("delivers a reset mail with text and HTML parts and records it", async () => {
    const to = uniqueEmail("smtp");
    const url = `http://localhost:3000/reset-password?token=${newSecret()}`;
    const transport = smtpTransportFromUrl(smtp.url);
    try {
      const sent = await sendMail({ to, ...passwordResetEmail({ name: "Ada <Lovelace>", url }) }, { transport });
      expect(sent.transport).toBe("smtp");

      const mail = smtp.received.find((r) => r.to.includes(to));
      expect(mail).toBeDefined();
      const raw = mail?.raw ?? "";
      expect(raw).toMatch(/^Subject: Reset your Lyceum password\r?$/m);
      expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(raw).toMatch(/Content-Type: text\/plain/i);
      expect(raw).toMatch(/Content-Type: text\/html/i);
      const decoded = decodeQuotedPrintable(raw);
      expect(decoded).toContain(url);
      expect(decoded).toContain(`href="${url}"`);
      expect(decoded).toContain("Ada &lt;Lovelace&gt;");
      expect(decoded).not.toContain("Ada <Lovelace>,</p>");

      const row = await db().mailMessage.findUniqueOrThrow({ where: { id: sent.id } });
      expect(row).toMatchObject({ to, subject: "Reset your Lyceum password", transport: "smtp" });
      expect(row.text).toContain(url);
    } finally {
      transport.close();
    }
  });

  it("sends attachments as multipart/mixed and keeps them with the record", async () => {
    const to = uniqueEmail("ics");
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    const transport = smtpTransportFromUrl(smtp.url);
    try {
      const sent = await sendMail(
        { to, subject: "Your group", text: "See the invite.", html: "<p>See the invite.</p>", attachments: [{ filename: "group-2-meetings.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: ics }] },
        { transport },
      );
      const raw = smtp.received.find((r) => r.to.includes(to))?.raw ?? "";
      expect(raw).toMatch(/Content-Type: multipart\/mixed/i);
      expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
      expect(raw).toMatch(/filename=group-2-meetings\.ics/);
      const row = await db().mailMessage.findUniqueOrThrow({ where: { id: sent.id } });
      expect(row.attachments).toEqual([{ filename: "group-2-meetings.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: ics }]);
      expect(await devMailAttachment(sent.id, 0)).toMatchObject({ filename: "group-2-meetings.ics", content: ics });
      expect(await devMailAttachment(sent.id, 1)).toBeNull();
      const [listed] = (await listDevMailbox({ to })).items;
      expect(listed?.attachments).toEqual([{ filename: "group-2-meetings.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", size: ics.length }]);
    } finally {
      transport.close();
    }
  });

  it("refuses an attachment name that could break the message, and records nothing", async () => {
    const to = uniqueEmail("badname");
    await expect(
      sendMail({ to, subject: "x", text: "x", html: "x", attachments: [{ filename: 'a"\r\nBcc: x@y', contentType: "text/plain", content: "x" }] }),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await db().mailMessage.count({ where: { to } })).toBe(0);
  });

  it("reports a refused message with a clear error and keeps the record", async () => {
    const refusing: MailTransport = {
      sendMail: () => Promise.reject(new Error("550 mailbox unavailable")),
    };
    const to = uniqueEmail("refused");
    const error = await sendMail({ to, subject: "Hi", text: "t", html: "<p>h</p>" }, { transport: refusing }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).message).toMatch(/could not be sent \(550 mailbox unavailable\).*SMTP_URL/);
    expect(await db().mailMessage.count({ where: { to } })).toBe(1);
  });
});

describe("development mailbox", () => {
  it.skipIf(Boolean(process.env.SMTP_URL))("stores mail without SMTP and lists it newest first, page by page", async () => {
    const to = uniqueEmail("dev");
    for (let i = 1; i <= 5; i++) {
      const sent = await sendMail({ to, subject: `Message ${i}`, text: `text ${i}`, html: `<p>${i}</p>` });
      expect(sent.transport).toBe("dev-mailbox");
    }
    const first = await listDevMailbox({ to: to.toUpperCase(), take: 2 });
    expect(first.items.map((m) => m.subject)).toEqual(["Message 5", "Message 4"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listDevMailbox({ to, take: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((m) => m.subject)).toEqual(["Message 3", "Message 2"]);
    const third = await listDevMailbox({ to, take: 2, cursor: second.nextCursor ?? undefined });
    expect(third.items.map((m) => m.subject)).toEqual(["Message 1"]);
    expect(third.nextCursor).toBeNull();
  });

  it("rejects a page size out of range", async () => {
    await expect(listDevMailbox({ take: 0 })).rejects.toMatchObject({ code: "invalid" });
    await expect(listDevMailbox({ take: 500 })).rejects.toMatchObject({ code: "invalid" });
  });
});
