"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CheckCircle2Icon, InboxIcon, SendIcon, TriangleAlertIcon, UnplugIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { setSlackWebhookSchema } from "@/lib/schemas/org-settings";
import type { OrgSettingsDTO, SlackTestResult } from "@/server/services/org-settings";
import { DateText, RelativeDateText } from "./date-text";
import { toastError, toastSuccess } from "./mutation-feedback";
import { useFormErrors, useMutationDialog } from "./use-mutation-dialog";

/** What the digest holds, in the words the settings page uses (the figures of lib/digest.ts). */
const digestContents = [
  "Active people and members",
  "New members, by unit",
  "Invites created and accepted",
  "Changes in the audit log",
  "Notifications and reminders sent",
];

function useInvalidateSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries(trpc.orgSettings.pathFilter()), queryClient.invalidateQueries(trpc.audit.pathFilter())]);
}

function WebhookForm({ orgId, replacing, onDone }: { orgId: string; replacing: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSettings();
  const errors = useFormErrors();
  const [url, setUrl] = useState("");
  const mutation = useMutation(
    trpc.orgSettings.setSlackWebhook.mutationOptions({
      onSuccess: async () => {
        toastSuccess("Slack connected", "Send a test message to check that it reaches the channel.");
        setUrl("");
        await invalidate();
        onDone();
      },
      onError: (error) => {
        errors.show(error, ["url"]);
        toastError("The webhook was not saved", error);
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const parsed = errors.check(setSlackWebhookSchema, { orgId, url });
    if (parsed) mutation.mutate(parsed);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="Slack webhook">
      <FormErrorAlert message={errors.formError} />
      <FormField
        label="Webhook URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        required
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.fieldErrors.url}
        placeholder="https://hooks.slack.com/services/T…/B…/…"
        inputClassName="font-mono text-xs md:text-xs"
        description="Kept on the server and never shown again in full: anyone who has it can post to the channel."
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : replacing ? "Save new webhook" : "Save webhook"}
        </Button>
        {replacing ? (
          <Button type="button" variant="outline" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function TestResult({ result }: { result: SlackTestResult }) {
  if (result.ok) {
    return (
      <Alert variant="success" data-testid="slack-test-result">
        <CheckCircle2Icon aria-hidden="true" />
        <AlertTitle>Test message sent</AlertTitle>
        <AlertDescription>Slack accepted it. Look for “Lyceum is connected” in the channel.</AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive" data-testid="slack-test-result">
      <TriangleAlertIcon aria-hidden="true" />
      <AlertTitle>{result.retriable ? "Slack could not be reached" : "Slack refused the test message"}</AlertTitle>
      <AlertDescription>{result.message}</AlertDescription>
    </Alert>
  );
}

function SlackCard({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.orgSettings.get.queryOptions({ orgId }));
  const invalidate = useInvalidateSettings();
  const [replacing, setReplacing] = useState(false);
  const [testResult, setTestResult] = useState<SlackTestResult | null>(null);
  const { connected, webhook } = data.slack;

  const test = useMutation(
    trpc.orgSettings.sendSlackTest.mutationOptions({
      onSuccess: async (result) => {
        setTestResult(result);
        if (result.ok) toastSuccess("Test message sent");
        else toastError("The test message was not posted", new Error(result.message));
        await invalidate();
      },
      onError: (error) => {
        setTestResult(null);
        toastError("The test message was not sent", error);
      },
    }),
  );
  const disconnectDialog = useMutationDialog({ invalidate });
  const disconnect = useMutation(
    trpc.orgSettings.clearSlackWebhook.mutationOptions({
      onSuccess: async () => {
        setTestResult(null);
        setReplacing(false);
        await disconnectDialog.succeeded("Slack disconnected", "Digests are no longer posted to Slack.");
      },
      onError: (error) => disconnectDialog.failed("Slack was not disconnected", error),
    }),
  );

  return (
    <Card role="region" aria-labelledby="slack-heading">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <CardTitle asChild>
            <h2 id="slack-heading" className="text-lg">
              Slack
            </h2>
          </CardTitle>
          {connected ? <Badge variant="success">Connected</Badge> : <Badge variant="outline">Not connected</Badge>}
        </div>
        <CardDescription>
          Post the daily digest to a Slack channel of your choice: the figures and highlights below, with a button back to Lyceum. Slack gets
          counts and unit names, never people’s names.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {connected && !replacing ? (
          <div className="grid gap-1.5">
            <p className="text-sm font-medium">Posting to</p>
            <p className="w-fit max-w-full rounded-md border bg-muted/50 px-3 py-2 font-mono text-xs break-all" data-testid="slack-webhook">
              {webhook}
            </p>
            <p className="text-sm text-muted-foreground">Only the host and the last characters are shown; the full URL stays on the server.</p>
          </div>
        ) : (
          <>
            <details className="group rounded-md border bg-muted/30 px-4 py-3 text-sm" open={!connected}>
              <summary className="cursor-pointer font-medium">How to get a webhook URL</summary>
              <ol className="mt-2 list-decimal space-y-1 pl-5 text-muted-foreground">
                <li>
                  In Slack, open <span className="font-medium text-foreground">Apps › Incoming Webhooks</span> (or add Incoming Webhooks to a
                  Slack app of your workspace).
                </li>
                <li>Choose the channel for the digest and copy the webhook URL Slack shows.</li>
                <li>Paste it here, save, then send a test message.</li>
              </ol>
            </details>
            <WebhookForm orgId={orgId} replacing={replacing} onDone={() => setReplacing(false)} />
          </>
        )}
        {testResult && connected && !replacing ? <TestResult result={testResult} /> : null}
      </CardContent>
      {connected && !replacing ? (
        <CardFooter className="flex-wrap border-t">
          <Button type="button" onClick={() => test.mutate({ orgId })} disabled={test.isPending}>
            <SendIcon aria-hidden="true" />
            {test.isPending ? "Sending…" : "Send a test message"}
          </Button>
          <Button
            type="button"
            variant="outline"
            onClick={() => {
              setTestResult(null);
              setReplacing(true);
            }}
          >
            Replace webhook
          </Button>
          <ConfirmDialog
            {...disconnectDialog.dialogProps}
            trigger={{
              children: (
                <>
                  <UnplugIcon aria-hidden="true" />
                  Disconnect
                </>
              ),
              variant: "ghost",
              size: "default",
            }}
            title="Disconnect Slack?"
            description="Lyceum forgets the webhook and stops posting digests to Slack. Admins keep getting them in the app and by email. You can connect again at any time."
            confirmLabel="Disconnect"
            pendingLabel="Disconnecting…"
            pending={disconnect.isPending}
            destructive
            onConfirm={() => disconnect.mutate({ orgId })}
          />
        </CardFooter>
      ) : null}
    </Card>
  );
}

type LatestDigestData = NonNullable<OrgSettingsDTO["digest"]["latest"]>;

/** The figures of the last digest, as the admins got them. */
function LatestDigest({ latest }: { latest: LatestDigestData }) {
  return (
    <section aria-labelledby="latest-digest-heading" className="grid content-start gap-3 text-sm" data-testid="latest-digest">
      <h3 id="latest-digest-heading" className="text-muted-foreground">
        Latest digest, up to <DateText value={latest.periodEnd} withTime />
      </h3>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 md:grid-cols-2 lg:grid-cols-4">
        {latest.figures.map((figure) => (
          <div key={figure.label} className="rounded-md border bg-muted/30 px-3 py-2">
            <dt className="text-xs text-muted-foreground">{figure.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{figure.value.toLocaleString("en-GB")}</dd>
          </div>
        ))}
      </dl>
      {latest.highlights.length > 0 ? (
        <ul className="grid list-disc gap-1 pl-5">
          {latest.highlights.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function DigestCard({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.orgSettings.get.queryOptions({ orgId }));
  const invalidate = useInvalidateSettings();
  const [requested, setRequested] = useState<{ alreadySent: boolean } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const { digest, slack } = data;

  const send = useMutation(
    trpc.orgSettings.sendDigestNow.mutationOptions({
      onSuccess: async (result) => {
        setRequested({ alreadySent: result.alreadySent });
        toastSuccess("Digest requested", result.alreadySent ? "You already had today's digest." : "It will be in your inbox in a moment.");
        await invalidate();
      },
      onError: (error) => toastError("The digest was not requested", error),
    }),
  );

  // The workflow needs a few seconds: refresh "last sent" once it has had them.
  useEffect(() => {
    if (!requested) return;
    statusRef.current?.focus();
    const timer = setTimeout(() => void invalidate(), 5_000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per request
  }, [requested]);

  const recipients = `${digest.recipients} ${digest.recipients === 1 ? "admin" : "admins"} of the top unit`;

  return (
    <Card role="region" aria-labelledby="digest-heading">
      <CardHeader>
        <CardTitle asChild>
          <h2 id="digest-heading" className="text-lg">
            Daily digest
          </h2>
        </CardTitle>
        <CardDescription>
          A summary of the last 24 hours in {data.orgName}, for the {recipients}: in the app, by email, and in Slack when it is connected.
          Each admin chooses their channels in{" "}
          <Link href="/account/notifications" className="font-medium text-foreground underline underline-offset-4">
            notification preferences
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-2">
        <dl className="grid content-start gap-3 text-sm">
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Schedule</dt>
            <dd className="font-medium">{digest.schedule}</dd>
          </div>
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Next run</dt>
            <dd className="font-medium">
              <DateText value={digest.nextRunAt} withTime /> (<RelativeDateText value={digest.nextRunAt} />)
            </dd>
          </div>
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Last sent to admins</dt>
            <dd className="font-medium" data-testid="digest-last-sent">
              {digest.lastSentAt ? <DateText value={digest.lastSentAt} withTime /> : "Not sent yet"}
            </dd>
          </div>
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">Last posted to Slack</dt>
            <dd className="font-medium">
              {digest.lastPostedToSlackAt ? (
                <DateText value={digest.lastPostedToSlackAt} withTime />
              ) : slack.connected ? (
                "Not posted yet"
              ) : (
                "Slack is not connected"
              )}
            </dd>
          </div>
        </dl>
        {digest.latest ? (
          <LatestDigest latest={digest.latest} />
        ) : (
          <div className="grid content-start gap-2 text-sm">
            <p className="text-muted-foreground">What it contains</p>
            <ul className="grid gap-1.5">
              {digestContents.map((item) => (
                <li key={item} className="flex gap-2">
                  <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                  {item}
                </li>
              ))}
            </ul>
            <p className="text-muted-foreground">Each admin gets it once a day, and Slack gets one post a day, even if it is sent again.</p>
          </div>
        )}
        {requested ? (
          <div ref={statusRef} tabIndex={-1} className="outline-none md:col-span-2">
            <Alert variant="success" data-testid="digest-requested">
              <InboxIcon aria-hidden="true" />
              <AlertTitle>{requested.alreadySent ? "You already had today's digest" : "Today's digest is on its way"}</AlertTitle>
              <AlertDescription>
                <p>
                  {requested.alreadySent
                    ? "Admins who have not had it yet get it now; nobody gets it twice."
                    : `It will be in your inbox in a moment${slack.connected ? ", and in Slack if it was not posted there today" : ""}.`}{" "}
                  <Link href="/notifications" className="font-medium underline underline-offset-4">
                    Open your inbox
                  </Link>
                </p>
              </AlertDescription>
            </Alert>
          </div>
        ) : null}
      </CardContent>
      <CardFooter className="flex-wrap border-t">
        <Button type="button" onClick={() => send.mutate({ orgId })} disabled={send.isPending || digest.recipients === 0}>
          <SendIcon aria-hidden="true" />
          {send.isPending ? "Sending…" : "Send today's digest now"}
        </Button>
        <p className="text-sm text-muted-foreground">
          {digest.recipients === 0
            ? "No one holds the org admin role at the top unit, so there is no one to send it to."
            : "Runs the same digest as the schedule, for the 24 hours up to now."}
        </p>
      </CardFooter>
    </Card>
  );
}

/** The organisation settings page: Slack for admin digests, and the daily digest itself. */
export function OrgSettings({ orgId }: { orgId: string }) {
  return (
    <div className="grid gap-8">
      <SlackCard orgId={orgId} />
      <DigestCard orgId={orgId} />
    </div>
  );
}
