import { describe, expect, it } from "vitest";
import { notificationEmail } from "./templates";

const base = {
  title: "In 1 hour: Essay <draft>",
  body: "At Monday 23 November, 09:00 (Europe/Brussels).\n\nBring \"two\" copies & a pen.",
  url: "https://lyceum.example/account/reminders?x=1&y=2",
  preferencesUrl: "https://lyceum.example/account/notifications",
  typeLabel: "Reminders",
};

describe("notificationEmail", () => {
  it("uses the title as subject and puts the link and the preferences in both versions", () => {
    const mail = notificationEmail(base);
    expect(mail.subject).toBe("In 1 hour: Essay <draft>");
    expect(mail.text).toContain("Open it in Lyceum: https://lyceum.example/account/reminders?x=1&y=2");
    expect(mail.text).toContain("You get this email because reminders are on for email.");
    expect(mail.text).toContain("Change what you receive: https://lyceum.example/account/notifications");
    expect(mail.text.split("\n")).toContain("Bring \"two\" copies & a pen.");
    expect(mail.html).toContain('href="https://lyceum.example/account/reminders?x=1&amp;y=2"');
    expect(mail.html).toContain(">Open in Lyceum</a>");
    expect(mail.html).toContain('href="https://lyceum.example/account/notifications"');
  });

  it("escapes the title and body in HTML", () => {
    const mail = notificationEmail(base);
    expect(mail.html).toContain("Essay &lt;draft&gt;");
    expect(mail.html).toContain("Bring &quot;two&quot; copies &amp; a pen.");
    expect(mail.html).not.toContain("<draft>");
  });

  it("keeps line breaks out of the subject and refuses non-web links", () => {
    expect(notificationEmail({ ...base, title: "Hi\r\nBcc: x@evil.example" }).subject).toBe("Hi Bcc: x@evil.example");
    expect(() => notificationEmail({ ...base, url: "javascript:alert(1)" })).toThrow(/http/);
  });
});
