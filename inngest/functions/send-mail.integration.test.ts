import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { sendMailFunction } from "./send-mail";

describe("send-mail against the database", () => {
  it("records the message (the development mailbox without SMTP) in its send step", async () => {
    const to = `send-mail-${Date.now()}@example.com`;
    const t = new InngestTestEngine({ function: sendMailFunction });
    const { result } = await t.execute({
      events: [{ name: "mail/send.requested", data: { to, subject: "Hello", text: "Hi there", html: "<p>Hi there</p>" } }],
    });
    const sent = result as { id: string; transport: string };
    const row = await db().mailMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ to, subject: "Hello", text: "Hi there", html: "<p>Hi there</p>", transport: sent.transport });
  });
});
