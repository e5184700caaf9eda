import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WorkflowRunDetail } from "@/components/system/workflow-run-detail";
import { workflowRunInput } from "@/components/system/workflow-inputs";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { currentActor } from "@/server/auth/current";
import { workflowFunctionNames } from "../_lib/function-names";

export const metadata: Metadata = { title: "Workflow run" };

export default async function WorkflowRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const actor = await currentActor();
  if (!actor?.isSystemAdmin) return null;

  // Fetched (not only prefetched) so that an unknown id is a 404 rather than an empty page.
  await getQueryClient()
    .fetchQuery(trpc.workflows.get.queryOptions(workflowRunInput(runId)))
    .catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      throw error;
    });

  return (
    <HydrateClient>
      <WorkflowRunDetail runId={runId} functionNames={workflowFunctionNames()} />
    </HydrateClient>
  );
}
