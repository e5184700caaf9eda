import { roleLabels, type Role } from "@/lib/schemas/roles";

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Names go into a subject line; a line break there would start a new header. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/** Only web links may become buttons: a `javascript:` URL in a mail is an attack. */
function assertWebUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Mail link is not a valid URL: ${url}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`Mail links must be http(s) URLs, got ${parsed.protocol}`);
  }
  return parsed.toString();
}

const font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/** Tables and inline styles: what mail clients reliably render. */
function layout(opts: { title: string; paragraphs: string[]; button: { label: string; url: string }; footer: string; links?: { label: string; url: string }[] }): string {
  const url = escapeHtml(opts.button.url);
  // Answer buttons (a meeting's RSVP links): outlined, side by side, above the main button.
  const links = (opts.links ?? [])
    .map(
      (l) =>
        `<a href="${escapeHtml(l.url)}" style="display:inline-block;margin:0 8px 8px 0;border:1px solid #1d4ed8;color:#1d4ed8;text-decoration:none;font-weight:600;font-size:15px;padding:10px 16px;border-radius:6px">${escapeHtml(l.label)}</a>`,
    )
    .join("");
  const paragraphs = opts.paragraphs
    .map((p) => `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:#1f2937">${p}</p>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(opts.title)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;${font}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;padding:32px;${font}">
<tr><td>
<p style="margin:0 0 24px;font-size:18px;font-weight:600;color:#111827">Lyceum</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${escapeHtml(opts.title)}</h1>
${paragraphs}
${links ? `<p style="margin:16px 0 0">${links}</p>\n` : ""}<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 20px;border-radius:6px">${escapeHtml(opts.button.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#6b7280">If the button does not work, copy this link into your browser:<br><a href="${url}" style="color:#1d4ed8;word-break:break-all">${url}</a></p>
<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:#6b7280">${opts.footer}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

export function passwordResetEmail(input: { name: string; url: string }): MailContent {
  const url = assertWebUrl(input.url);
  const name = oneLine(input.name) || "there";
  const subject = "Reset your Lyceum password";
  const text = [
    `Hi ${name},`,
    "",
    "Someone (hopefully you) asked to reset the password for your Lyceum account.",
    "Open this link to choose a new password. It works once and expires in 1 hour:",
    "",
    url,
    "",
    "Resetting your password signs you out on every device.",
    "If you did not ask for this, ignore this email: your password stays the same.",
  ].join("\n");
  const html = layout({
    title: "Reset your password",
    paragraphs: [
      `Hi ${escapeHtml(name)},`,
      "Someone (hopefully you) asked to reset the password for your Lyceum account. The link works once and expires in 1 hour.",
      "Resetting your password signs you out on every device.",
    ],
    button: { label: "Choose a new password", url },
    footer: "If you did not ask for this, ignore this email: your password stays the same.",
  });
  return { subject, text, html };
}

export function inviteEmail(input: { orgName: string; inviterName: string; role: Role; url: string }): MailContent {
  const url = assertWebUrl(input.url);
  const orgName = oneLine(input.orgName);
  const inviterName = oneLine(input.inviterName) || "Someone";
  const role = roleLabels[input.role].toLowerCase();
  const article = /^[aeiou]/.test(role) ? "an" : "a";
  const subject = `${inviterName} invited you to ${orgName} on Lyceum`;
  const text = [
    `${inviterName} invited you to join ${orgName} on Lyceum as ${article} ${role}.`,
    "",
    "Open this link to accept the invite:",
    "",
    url,
    "",
    "If you were not expecting this invite, you can ignore this email.",
  ].join("\n");
  const html = layout({
    title: `Join ${orgName} on Lyceum`,
    paragraphs: [
      `${escapeHtml(inviterName)} invited you to join <strong>${escapeHtml(orgName)}</strong> on Lyceum as ${article} ${escapeHtml(role)}.`,
    ],
    button: { label: "Accept the invite", url },
    footer: "If you were not expecting this invite, you can ignore this email.",
  });
  return { subject, text, html };
}

/**
 * One notification (server/services/notifications) as an email: its title and
 * body, a button to the thing it is about, and a footer link to the
 * preferences so every notification mail says how to turn it off.
 */
export function notificationEmail(input: {
  title: string;
  body: string;
  url: string;
  preferencesUrl: string;
  typeLabel: string;
  /** Extra buttons, e.g. a meeting reminder's RSVP links. */
  links?: { label: string; url: string }[];
}): MailContent {
  const url = assertWebUrl(input.url);
  const links = (input.links ?? []).map((l) => ({ label: oneLine(l.label), url: assertWebUrl(l.url) }));
  const preferencesUrl = assertWebUrl(input.preferencesUrl);
  const subject = oneLine(input.title);
  const typeLabel = oneLine(input.typeLabel);
  const paragraphs = input.body
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const text = [
    subject,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(links.length ? [...links.map((l) => `${l.label}: ${l.url}`), ""] : []),
    `Open it in Lyceum: ${url}`,
    "",
    "--",
    `You get this email because ${typeLabel.toLowerCase()} are on for email.`,
    `Change what you receive: ${preferencesUrl}`,
  ].join("\n");
  const html = layout({
    title: subject,
    paragraphs: paragraphs.map((p) => escapeHtml(p).replace(/\n/g, "<br>")),
    button: { label: "Open in Lyceum", url },
    links,
    footer: `You get this email because ${escapeHtml(typeLabel.toLowerCase())} are on for email. <a href="${escapeHtml(preferencesUrl)}" style="color:#1d4ed8">Change your notification preferences</a>.`,
  });
  return { subject, text, html };
}
