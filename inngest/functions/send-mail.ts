import { sendMail } from "@/server/mail";
import { inngest } from "../client";
import { mailSendRequested } from "../events";

/** Sends one email off the request path; SMTP failures are retried with backoff. */
export const sendMailFunction = inngest.createFunction(
  { id: "send-mail", name: "Send an email", retries: 5, triggers: [mailSendRequested] },
  async ({ event, step }) => {
    return step.run("send", () => sendMail(event.data));
  },
);
