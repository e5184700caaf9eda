import type { Metadata } from "next";
import { ExternalLinkIcon } from "lucide-react";
import { PageHeader } from "@/components/admin/page-header";
import { WorkflowRunsList } from "@/components/system/workflow-runs-list";
import { workflowRunsListInput } from "@/components/system/workflow-inputs";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { currentActor } from "@/server/auth/current";
import { workflowMode } from "@/server/workflows/mode";
import { workflowFunctionNames } from "./_lib/function-names";

export const metadata: Metadata = { title: "Workflow runs" };

export default async function WorkflowRunsPage() {
  // The layout explains the page to everyone else; it renders in parallel, so the page asks too.
  const actor = await currentActor();
  if (!actor?.isSystemAdmin) return null;

  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.workflows.list.infiniteQueryOptions(workflowRunsListInput(), { getNextPageParam: (page) => page.nextCursor }),
    ),
    queryClient.prefetchQuery(trpc.workflows.overview.queryOptions()),
  ]);
  const mode = workflowMode();

  return (
    <>
      <PageHeader
        title="Workflow runs"
        description="Background work of this Lyceum instance, across all organisations: each run of a workflow with its steps, timings and errors. Retry a failed run or cancel one that should not go on."
      />
      {mode.mode === "inngest" ? (
        <Alert className="mb-6">
          <ExternalLinkIcon aria-hidden />
          <AlertTitle>Workflows run on your Inngest server</AlertTitle>
          <AlertDescription>
            <p>
              An Inngest server is configured ({mode.reason}), so it runs every workflow and keeps the runs: find them, their steps and their
              errors in the Inngest dashboard. The list below only holds runs from when Lyceum ran workflows itself.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      <HydrateClient>
        <WorkflowRunsList functionNames={workflowFunctionNames()} />
      </HydrateClient>
    </>
  );
}
