import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { smtpTransportFromUrl } from "../../../mail";
import { deliverChannel, recordNotification } from "../index";
import { discordAdapter } from "./discord";
import { emailAdapter } from "./email";
import { startSmtpReceiver, type SmtpReceiver } from "@/tests/fixtures/smtp-receiver";

let smtp: SmtpReceiver;

beforeAll(async () => {
  smtp = await startSmtpReceiver({ rejectRecipient: (address) => address.startsWith("gone-") });
});

afterAll(() => smtp.close());

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The MIME parts of a multipart body, by content type. */
function partsOf(raw: string): Map<string, string> {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  for (const chunk of raw.split(`--${boundary}`).slice(1, -1)) {
    const [head = "", ...body] = chunk.split(/\r?\n\r?\n/);
    const type = /Content-Type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase();
    if (type) parts.set(type, decodeQuotedPrintable(body.join("\n\n")));
  }
  return parts;
}

async function emailNotification(label: string) {
  const tag = randomBytes(4).toString("hex");
  const user = await db().user.create({ data: { email: `${label}-${tag}@example.test`, name: "Ada" }, select: { id: true, email: true } });
  const result = await db().$transaction((tx) =>
    recordNotification(
      tx,
      user.id,
      "reminder",
      {
        reminderId: "r1",
        title: "Essay <draft> due",
        note: "Bring two copies.",
        occurrenceAt: "2026-11-23T08:00:00Z",
        offsetMinutes: 60,
        timeZone: "Europe/Brussels",
        link: "/account/reminders?highlight=r1",
      },
      { channels: ["email"] },
    ),
  );
  return { user, notificationId: result?.notificationId ?? "" };
}

const noDiscord = discordAdapter({ send: async () => null });

describe("notification email over real SMTP", () => {
  it("arrives as multipart/alternative with text and HTML, the subject, the link and the preferences footer", async () => {
    const transport = smtpTransportFromUrl(smtp.url);
    try {
      const { user, notificationId } = await emailNotification("smtp");
      const result = await deliverChannel(notificationId, "email", { email: emailAdapter({ transport }), discord: noDiscord });
      expect(result).toMatchObject({ channel: "email", status: "sent" });

      const mail = smtp.received.find((r) => r.to.includes(user.email));
      expect(mail).toBeDefined();
      const raw = mail?.raw ?? "";
      expect(raw).toMatch(/^Subject: In 1 hour: Essay <draft> due\r?$/m);
      expect(raw).toMatch(/^Content-Type: multipart\/alternative/im);
      const parts = partsOf(raw);
      expect([...parts.keys()].sort()).toEqual(["text/html", "text/plain"]);

      const link = "http://localhost:3000/account/reminders?highlight=r1";
      const text = parts.get("text/plain") ?? "";
      expect(text).toContain("At Monday 23 November, 09:00 (Europe/Brussels). Bring two copies.");
      expect(text).toContain(`Open it in Lyceum: ${link}`);
      expect(text).toContain("Change what you receive: http://localhost:3000/account/notifications");

      const html = parts.get("text/html") ?? "";
      expect(html).toContain(`href="${link}"`);
      expect(html).toContain(">Open in Lyceum</a>");
      expect(html).toContain("Essay &lt;draft&gt; due");
      expect(html).not.toContain("<draft>");
      expect(html).toContain('href="http://localhost:3000/account/notifications"');

      const row = await db().notificationDelivery.findUniqueOrThrow({ where: { notificationId_channel: { notificationId, channel: "email" } } });
      expect(row).toMatchObject({ status: "sent", attempts: 1 });
      expect(await db().mailMessage.findUnique({ where: { id: row.externalId ?? "" } })).toMatchObject({ to: user.email, transport: "smtp" });
    } finally {
      transport.close();
    }
  });

  it("marks an address the server refuses (550) as failed, without retrying", async () => {
    const transport = smtpTransportFromUrl(smtp.url);
    try {
      const { user, notificationId } = await emailNotification("gone");
      const result = await deliverChannel(notificationId, "email", { email: emailAdapter({ transport }), discord: noDiscord });
      expect(result).toMatchObject({ status: "failed", reason: expect.stringContaining(`refused ${user.email} (SMTP 550)`) });
      const row = await db().notificationDelivery.findUniqueOrThrow({ where: { notificationId_channel: { notificationId, channel: "email" } } });
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
    } finally {
      transport.close();
    }
  });

  it("treats an unreachable server as transient: the delivery goes back to pending and the error is thrown for a retry", async () => {
    // A port that just had a server on it and has none now.
    const gone = await startSmtpReceiver();
    await gone.close();
    const transport = smtpTransportFromUrl(gone.url);
    try {
      const { notificationId } = await emailNotification("down");
      await expect(
        deliverChannel(notificationId, "email", { email: emailAdapter({ transport }), discord: noDiscord }),
      ).rejects.toThrow(/could not be sent/);
      const row = await db().notificationDelivery.findUniqueOrThrow({ where: { notificationId_channel: { notificationId, channel: "email" } } });
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.error).toMatch(/could not be sent/);
    } finally {
      transport.close();
    }
  });
});
