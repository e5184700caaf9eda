import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/account/local-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isAppError } from "@/lib/errors";
import { cn } from "@/lib/utils";
import { env } from "@/server/env";
import { requireDevMailAccess } from "../_lib/dev-mail-access";
import { listDevMailbox, type DevMailboxPage } from "@/server/mail";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

type Search = { to?: string | string[]; cursor?: string | string[]; id?: string | string[] };

function first(value: string | string[] | undefined): string | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  return v ? v : undefined;
}

function mailboxHref(params: { to?: string; cursor?: string; id?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const qs = query.toString();
  return `/dev/mailbox${qs ? `?${qs}` : ""}${params.id ? "#message" : ""}`;
}

/** Plain text with its links clickable (the HTML version is sandboxed, so its links do not open). */
function linkified(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"')]+)/g).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="break-all text-primary underline underline-offset-4">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const e = env();
  await requireDevMailAccess();

  const search = await searchParams;
  const to = first(search.to);
  const cursor = first(search.cursor);
  const id = first(search.id);

  let page: DevMailboxPage = { items: [], nextCursor: null };
  let error: string | undefined;
  try {
    page = await listDevMailbox({ to, cursor });
  } catch (err) {
    if (!isAppError(err)) throw err;
    error = err.message;
  }
  const selected = id ? page.items.find((m) => m.id === id) : undefined;

  return (
    <main id="main" className="mx-auto w-full max-w-6xl space-y-6 px-3 py-6 sm:px-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/" className={linkClass}>
            Lyceum
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
        <Alert>
          <AlertTitle>{e.SMTP_URL ? "Copies of sent mail" : "No mail server configured"}</AlertTitle>
          <AlertDescription>
            <p>
              {e.SMTP_URL
                ? "SMTP_URL is set, so this mail was also sent to the real recipients. Copies are listed here outside production."
                : "Mail is kept here because no SMTP server is configured (set SMTP_URL). Nothing below left this server."}
            </p>
          </AlertDescription>
        </Alert>
      </div>

      <form method="get" action="/dev/mailbox" role="search" aria-label="Mail filter" className="flex flex-wrap items-end gap-2">
        <div className="grid min-w-0 flex-1 basis-56 gap-2">
          <Label htmlFor="mailbox-to">Recipient</Label>
          <Input id="mailbox-to" name="to" type="email" inputMode="email" placeholder="name@example.com" defaultValue={to} />
        </div>
        <Button type="submit">Filter</Button>
        {to ? (
          <Button variant="outline" asChild>
            <Link href="/dev/mailbox">Show all</Link>
          </Button>
        ) : null}
      </form>

      {error ? (
        <Alert variant="destructive">
          <AlertDescription>
            <p>{error}</p>
            <Link href="/dev/mailbox" className="underline underline-offset-4">
              Start again from the newest mail
            </Link>
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <section aria-labelledby="mailbox-list-heading" className="min-w-0 space-y-3">
          <h2 id="mailbox-list-heading" className="text-lg font-semibold">
            {to ? `Mail to ${to}` : "All mail"}
            <span className="sr-only">, newest first</span>
          </h2>
          {page.items.length === 0 ? (
            <EmptyState
              titleAs="h3"
              title={cursor ? "No older mail" : "No mail yet"}
              description={
                to ? "Nothing was sent to this address. Check the spelling, or show all mail." : "Mail Lyceum sends (invites, password resets) will show up here."
              }
            />
          ) : (
            <ul className="divide-y rounded-lg border" data-testid="mailbox-list">
              {page.items.map((m) => {
                const current = m.id === selected?.id;
                return (
                  <li key={m.id}>
                    <Link
                      href={mailboxHref({ to, cursor, id: m.id })}
                      aria-current={current ? "true" : undefined}
                      className={cn(
                        "block space-y-1 px-3 py-2 text-sm hover:bg-accent",
                        "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                        current && "bg-secondary",
                      )}
                    >
                      <span className="block font-medium break-words">{m.subject || "(no subject)"}</span>
                      <span className="flex flex-wrap justify-between gap-x-2 text-muted-foreground">
                        <span className="min-w-0 break-all">To {m.to}</span>
                        <LocalTime date={m.createdAt} relative />
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
          <nav aria-label="Mailbox pages" className="flex flex-wrap gap-2">
            {cursor ? (
              <Button variant="outline" size="sm" asChild>
                <Link href={mailboxHref({ to })}>Newest</Link>
              </Button>
            ) : null}
            {page.nextCursor ? (
              <Button variant="outline" size="sm" asChild>
                <Link href={mailboxHref({ to, cursor: page.nextCursor })}>Older</Link>
              </Button>
            ) : null}
          </nav>
        </section>

        <section id="message" aria-labelledby="mailbox-message-heading" className="min-w-0 space-y-4">
          {selected ? (
            <>
              <div className="space-y-2">
                <h2 id="mailbox-message-heading" className="text-lg font-semibold break-words">
                  {selected.subject || "(no subject)"}
                </h2>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-muted-foreground">To</dt>
                  <dd className="break-all">{selected.to}</dd>
                  <dt className="text-muted-foreground">Sent</dt>
                  <dd>
                    <LocalTime date={selected.createdAt} />
                  </dd>
                  <dt className="text-muted-foreground">Delivery</dt>
                  <dd>
                    <Badge variant="outline">{selected.transport === "smtp" ? "SMTP" : "Kept here"}</Badge>
                  </dd>
                </dl>
              </div>
              {selected.attachments.length > 0 ? (
                <div className="space-y-2">
                  <h3 className="text-sm font-semibold">Attachments</h3>
                  <ul className="space-y-1 text-sm" data-testid="mail-attachments">
                    {selected.attachments.map((a, index) => (
                      <li key={`${a.filename}-${index}`}>
                        <a href={`/dev/mailbox/${encodeURIComponent(selected.id)}/attachments/${index}`} download={a.filename} className={linkClass}>
                          {a.filename}
                        </a>{" "}
                        <span className="text-muted-foreground">
                          ({a.contentType.split(";")[0]}, {a.size.toLocaleString("en-GB")} bytes)
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <div className="space-y-2">
                <h3 className="text-sm font-semibold">HTML version</h3>
                <iframe
                  title={`HTML version of “${selected.subject}”`}
                  sandbox=""
                  srcDoc={selected.html}
                  className="h-[28rem] w-full rounded-md border bg-white"
                />
              </div>
              <div className="space-y-2">
                <h3 className="text-sm font-semibold">Text version</h3>
                <pre
                  data-testid="mail-text"
                  className="overflow-x-auto rounded-md border bg-muted/40 p-3 font-mono text-sm break-words whitespace-pre-wrap"
                >
                  {linkified(selected.text)}
                </pre>
              </div>
            </>
          ) : (
            <>
              <h2 id="mailbox-message-heading" className="sr-only">
                Message
              </h2>
              <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
                {id ? "That message is not on this page. Choose one from the list." : "Choose a message to read it."}
              </p>
            </>
          )}
        </section>
      </div>
    </main>
  );
}
