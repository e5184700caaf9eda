import { describe, expect, it } from "vitest";
import { devMailboxAvailable } from "./index";
import { escapeHtml, inviteEmail, passwordResetEmail } from "./templates";

describe("mail templates", () => {
  it("escapes interpolated values in HTML and keeps them readable in text", () => {
    const mail = inviteEmail({
      orgName: `<script>alert("x")</script> & Co`,
      inviterName: "Bob \"B\" O'Neil",
      role: "org_admin",
      url: "https://lyceum.example/invite?token=abc&x=1",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(mail.html).toContain("Bob &quot;B&quot; O&#39;Neil");
    expect(mail.html).toContain('href="https://lyceum.example/invite?token=abc&amp;x=1"');
    expect(mail.text).toContain(`Bob "B" O'Neil invited you to join <script>alert("x")</script> & Co on Lyceum as an org admin.`);
    expect(mail.text).toContain("https://lyceum.example/invite?token=abc&x=1");
    expect(mail.subject).toBe(`Bob "B" O'Neil invited you to <script>alert("x")</script> & Co on Lyceum`);
  });

  it("keeps line breaks out of subjects", () => {
    const mail = inviteEmail({ orgName: "Acme\r\nBcc: victim@example.com", inviterName: "Eve", role: "student", url: "https://x.example/i" });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain("as a student");
  });

  it("builds a reset mail with the link in both parts", () => {
    const url = "http://localhost:3000/reset-password?token=t0k3n";
    const mail = passwordResetEmail({ name: "Ada", url });
    expect(mail.subject).toBe("Reset your Lyceum password");
    expect(mail.text).toContain(url);
    expect(mail.text).toContain("expires in 1 hour");
    expect(mail.html).toContain(`href="${url}"`);
  });

  it("refuses links that are not web URLs", () => {
    expect(() => passwordResetEmail({ name: "A", url: "javascript:alert(1)" })).toThrow(/http\(s\)/);
    expect(() => passwordResetEmail({ name: "A", url: "not a url" })).toThrow(/valid URL/);
  });

  it("escapeHtml covers the five special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("devMailboxAvailable", () => {
  it("is closed only in production with SMTP configured", () => {
    expect(devMailboxAvailable({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example" })).toBe(false);
    expect(devMailboxAvailable({ NODE_ENV: "production", SMTP_URL: undefined })).toBe(true);
    expect(devMailboxAvailable({ NODE_ENV: "development", SMTP_URL: "smtp://mail.example" })).toBe(true);
  });
});
