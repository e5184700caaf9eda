import type { Metadata } from "next";
import Link from "next/link";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { emailLinksOf, notificationCatalog, notificationTypes, parseAndRender } from "@/lib/notifications/catalog";
import { sampleContexts } from "@/lib/notifications/samples";
import { appUrl } from "@/server/env";
import { inviteEmail, notificationEmail, passwordResetEmail, type MailContent } from "@/server/mail";
import { requireDevMailAccess } from "../_lib/dev-mail-access";

export const metadata: Metadata = { title: "Mail preview", robots: { index: false } };

interface Preview {
  id: string;
  name: string;
  when: string;
  mail: MailContent;
}

function previews(): Preview[] {
  const base = appUrl();
  const abs = (path: string) => new URL(path, base).toString();
  const out: Preview[] = [
    {
      id: "password-reset",
      name: "Password reset",
      when: "Someone asks to reset their password on the sign-in page.",
      mail: passwordResetEmail({ name: "Ada Lovelace", url: abs("/reset-password?token=sample-token") }),
    },
    {
      id: "invite",
      name: "Invite",
      when: "An admin or teacher invites someone by email.",
      mail: inviteEmail({ orgName: "Springfield High", inviterName: "Grace Hopper", role: "student", url: abs("/sign-up?invite=sample") }),
    },
  ];
  for (const type of notificationTypes) {
    const parsed = parseAndRender(type, sampleContexts[type]);
    if (!parsed.ok) continue;
    const definition = notificationCatalog[type];
    out.push({
      id: `notification-${type.replace(/\./g, "-")}`,
      name: `Notification: ${definition.label}`,
      when: definition.description,
      mail: notificationEmail({
        ...parsed.rendered,
        url: abs(parsed.rendered.url),
        preferencesUrl: abs("/account/notifications"),
        typeLabel: definition.label,
        links: emailLinksOf(type, sampleContexts[type]),
      }),
    });
  }
  return out;
}

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

/** Every email Lyceum sends, rendered with sample data: the HTML (sandboxed) and the text version. */
export default async function MailPreviewPage() {
  await requireDevMailAccess();
  const list = previews();

  return (
    <main id="main" className="mx-auto w-full max-w-6xl space-y-6 px-3 py-6 sm:px-6">
      <div className="space-y-2">
        <p className="flex flex-wrap gap-x-4 text-sm">
          <Link href="/" className={linkClass}>
            Lyceum
          </Link>
          <Link href="/dev/mailbox" className={linkClass}>
            Development mailbox
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Mail preview</h1>
        <Alert>
          <AlertDescription>
            <p>Every email template with sample data. Nothing here is sent. Links point at {appUrl()}.</p>
          </AlertDescription>
        </Alert>
      </div>

      <nav aria-label="Templates">
        <ul className="flex flex-wrap gap-2 text-sm">
          {list.map((p) => (
            <li key={p.id}>
              <a href={`#${p.id}`} className="inline-flex h-9 items-center rounded-md border px-3 hover:bg-accent">
                {p.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {list.map((p) => (
        <section key={p.id} id={p.id} aria-labelledby={`${p.id}-heading`} className="scroll-mt-20 space-y-3 border-t pt-6" data-testid="mail-preview">
          <div className="space-y-1">
            <h2 id={`${p.id}-heading`} className="text-lg font-semibold">
              {p.name}
            </h2>
            <p className="text-sm text-muted-foreground">{p.when}</p>
            <p className="text-sm break-words">
              <span className="text-muted-foreground">Subject: </span>
              <span className="font-medium">{p.mail.subject}</span>
            </p>
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="min-w-0 space-y-2">
              <h3 className="text-sm font-semibold">HTML version</h3>
              <iframe title={`HTML version of “${p.mail.subject}”`} sandbox="" srcDoc={p.mail.html} className="h-[30rem] w-full rounded-md border bg-white" />
            </div>
            <div className="min-w-0 space-y-2">
              <h3 className="text-sm font-semibold">Text version</h3>
              <pre className="overflow-x-auto rounded-md border bg-muted/40 p-3 font-mono text-sm break-words whitespace-pre-wrap">{p.mail.text}</pre>
            </div>
          </div>
        </section>
      ))}
    </main>
  );
}
