import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { mailSendRequested } from "../events";
import { sendMailFunction } from "./send-mail";

const mail = { to: "ada@example.com", subject: "Welcome", text: "Hello", html: "<p>Hello</p>" };

describe("send-mail", () => {
  const t = new InngestTestEngine({ function: sendMailFunction });

  it("sends the event's message in one step named send", async () => {
    const { result, ctx } = await t.execute({
      events: [{ name: "mail/send.requested", data: mail }],
      steps: [{ id: "send", handler: () => ({ id: "mail-1", transport: "dev-mailbox" }) }],
    });
    expect(result).toEqual({ id: "mail-1", transport: "dev-mailbox" });
    expect(ctx.step.run).toHaveBeenCalledWith("send", expect.any(Function));
  });

  it("rejects a malformed event before sending anything", async () => {
    const { error } = await t.execute({
      events: [{ name: "mail/send.requested", data: { ...mail, to: "not an address" } }],
      steps: [{ id: "send", handler: () => ({ id: "never", transport: "dev-mailbox" }) }],
    });
    expect(error).toBeDefined();
    await expect(mailSendRequested.create({ ...mail, to: "not an address" }).validate()).rejects.toThrow();
  });
});
