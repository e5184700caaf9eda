"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, Link2Icon, Link2OffIcon, RefreshCwIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { copyText } from "@/components/admin/invite-form";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** The link just made, with a copy button; it is not shown again after the page is left. */
function FreshLink({ url }: { url: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    inputRef.current?.focus();
  }, [url]);

  async function copy() {
    const ok = await copyText(url, inputRef.current);
    setCopied(ok);
    if (ok) toastSuccess("Join link copied");
    else toastError("Could not copy the link", new Error("Select the link and copy it with your keyboard or menu."));
  }

  return (
    <div className="grid gap-2" data-testid="cohort-join-link">
      <Label htmlFor={id}>Join link</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id={id}
          ref={inputRef}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="font-mono text-xs md:text-xs"
          aria-describedby={`${id}-note`}
        />
        <Button type="button" onClick={() => void copy()} className="shrink-0">
          {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
      <p id={`${id}-note`} className="text-sm font-medium">
        Copy it now: it will not be shown again. Lyceum keeps only a fingerprint of it; if it is lost, replace it with a new one.
      </p>
    </div>
  );
}

/**
 * Joining by link: create the link (shown once, with a copy button), replace
 * it (the old one stops working) or turn joining off. For those who manage
 * the cohort.
 */
export function InviteLinkCard({ cohortId }: { cohortId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: cohort } = useSuspenseQuery(trpc.cohorts.get.queryOptions({ cohortId }));
  const [url, setUrl] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries(trpc.cohorts.pathFilter());

  const create = useMutation(
    trpc.cohorts.createLink.mutationOptions({
      onSuccess: async (link) => {
        setUrl(link.url);
        toastSuccess("Join link created", "Copy it now: it is shown only once.");
        await invalidate();
      },
      onError: (error) => toastError("The join link was not created", error),
    }),
  );
  const rotateDialog = useMutationDialog({ invalidate });
  const rotate = useMutation(
    trpc.cohorts.rotateLink.mutationOptions({
      onSuccess: async (link) => {
        setUrl(link.url);
        await rotateDialog.succeeded("New join link created", "The old link no longer works. Copy the new one now.");
      },
      onError: (error) => rotateDialog.failed("The join link was not replaced", error),
    }),
  );
  const disableDialog = useMutationDialog({ invalidate });
  const disable = useMutation(
    trpc.cohorts.disableLink.mutationOptions({
      onSuccess: async () => {
        setUrl(null);
        await disableDialog.succeeded("Joining by link is off", "The link no longer works. People who joined stay in the cohort.");
      },
      onError: (error) => disableDialog.failed("Joining by link was not turned off", error),
    }),
  );

  const archived = cohort.status === "archived";
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="flex items-center gap-2 text-lg">
            <Link2Icon aria-hidden="true" className="size-5" /> Join link
          </h2>
        </CardTitle>
        <CardDescription>
          Anyone with the link can join as a learner, with a new account or the one they have. Newcomers also become students of the unit that
          runs {cohort.course.title}, so they can open it.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {archived ? (
          <p className="text-sm text-muted-foreground">This cohort is archived, so nobody can join it.</p>
        ) : !cohort.inviteLinkEnabled ? (
          <div className="space-y-3">
            <p className="text-sm">Joining by link is off.</p>
            <Button type="button" onClick={() => create.mutate({ cohortId })} disabled={create.isPending}>
              <Link2Icon aria-hidden="true" /> {create.isPending ? "Creating…" : "Create join link"}
            </Button>
          </div>
        ) : (
          <>
            {url ? (
              <FreshLink url={url} />
            ) : (
              <Alert>
                <AlertDescription>
                  Joining by link is on. The link was shown when it was made; Lyceum keeps only a fingerprint of it. Lost it? Replace it to get a new
                  one.
                </AlertDescription>
              </Alert>
            )}
            <div className="flex flex-wrap gap-2">
              <ConfirmDialog
                {...rotateDialog.dialogProps}
                trigger={{ variant: "outline", size: "default", children: <><RefreshCwIcon aria-hidden="true" /> Replace link</> }}
                title="Replace the join link?"
                description="You get a new link to share. The current link stops working at once; people who already joined stay."
                confirmLabel="Replace link"
                pendingLabel="Replacing…"
                pending={rotate.isPending}
                onConfirm={() => rotate.mutate({ cohortId })}
              />
              <ConfirmDialog
                {...disableDialog.dialogProps}
                trigger={{ variant: "outline", size: "default", className: "text-destructive hover:text-destructive", children: <><Link2OffIcon aria-hidden="true" /> Turn off</> }}
                title="Turn off joining by link?"
                description="The link stops working at once; people who already joined stay. You can create a new link later."
                confirmLabel="Turn off"
                pendingLabel="Turning off…"
                destructive
                pending={disable.isPending}
                onConfirm={() => disable.mutate({ cohortId })}
              />
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
