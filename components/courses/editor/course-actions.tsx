"use client";

import { useMutation } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, CopyIcon, EyeIcon, FileArchiveIcon, MoreHorizontalIcon, SendIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { CourseOutlineDTO, PublishAllResult } from "@/server/services/courses/authoring";
import { ImportZipDialog } from "./import-zip-dialog";
import { courseEditorPath, itemEditorPath } from "./list-input";
import { useInvalidateCourses } from "./use-invalidate-course";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Publishing, duplicating, importing and archiving a course, and the way to its cohorts. */
export function CourseActions({ outline }: { outline: CourseOutlineDTO }) {
  const { course } = outline;
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateCourses();
  const [importOpen, setImportOpen] = useState(false);
  const [lastPublish, setLastPublish] = useState<PublishAllResult | null>(null);
  const archived = course.status === "archived";
  const pending = outline.modules.flatMap((m) => m.items).filter((i) => i.kind !== "ai_activity" && (i.state === "draft" || i.state === "changed")).length;
  const cohortsPath = `${courseEditorPath(course.orgId, course.id)}/cohorts`;

  const publishCourse = useMutationDialog({ invalidate });
  const unpublishCourse = useMutationDialog({ invalidate });
  const archive = useMutationDialog({ invalidate });
  const duplicate = useMutationDialog({ invalidate });

  const publishMutation = useMutation(
    trpc.courses.publish.mutationOptions({
      onSuccess: () => publishCourse.succeeded("Course published", "Learners of its cohorts see its published items."),
      onError: (e) => publishCourse.failed("The course was not published", e),
    }),
  );
  const unpublishMutation = useMutation(
    trpc.courses.unpublish.mutationOptions({
      onSuccess: () => unpublishCourse.succeeded("Course unpublished", "Its cohorts' learners no longer see it. Their work is kept."),
      onError: (e) => unpublishCourse.failed("The course was not unpublished", e),
    }),
  );
  const archiveMutation = useMutation(
    trpc.courses.archive.mutationOptions({
      onSuccess: () => archive.succeeded("Course archived", "It is read-only now; restore it to edit it again."),
      onError: (e) => archive.failed("The course was not archived", e),
    }),
  );
  const restoreMutation = useMutation(
    trpc.courses.restore.mutationOptions({
      onSuccess: async () => {
        toastSuccess("Course restored", "You can edit it again.");
        await invalidate();
      },
      onError: (e) => toastError("The course was not restored", e),
    }),
  );
  const duplicateMutation = useMutation(
    trpc.courses.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        await duplicate.succeeded("Course duplicated", `“${copy.title}” is a new draft with the same modules and items.`);
        router.push(courseEditorPath(copy.orgId, copy.id));
      },
      onError: (e) => duplicate.failed("The course was not duplicated", e),
    }),
  );
  const publishAll = useMutation(
    trpc.courses.publishAllChanges.mutationOptions({
      onSuccess: async (result) => {
        setLastPublish(result);
        if (result.published.length > 0) toastSuccess(`Published ${plural(result.published.length, "item", "items")}`);
        else toast({ title: "Nothing was published", description: "Fix the items listed under the buttons, then try again.", variant: "destructive" });
        await invalidate();
      },
      onError: (e) => toastError("The changes were not published", e),
    }),
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {archived ? (
          <Button onClick={() => restoreMutation.mutate({ courseId: course.id })} disabled={restoreMutation.isPending}>
            <ArchiveRestoreIcon aria-hidden="true" />
            {restoreMutation.isPending ? "Restoring…" : "Restore course"}
          </Button>
        ) : (
          <>
            <Button onClick={() => publishAll.mutate({ courseId: course.id })} disabled={pending === 0 || publishAll.isPending} data-testid="publish-all">
              <SendIcon aria-hidden="true" />
              {publishAll.isPending ? "Publishing…" : pending === 0 ? "All changes published" : `Publish all changes (${pending})`}
            </Button>
            {course.status === "draft" ? (
              <Button variant="outline" onClick={() => publishCourse.dialogProps.onOpenChange(true)}>
                Publish course
              </Button>
            ) : (
              <Button variant="outline" onClick={() => unpublishCourse.dialogProps.onOpenChange(true)}>
                Unpublish course
              </Button>
            )}
          </>
        )}
        <Button asChild variant="outline">
          <Link href={cohortsPath}>
            <UsersIcon aria-hidden="true" />
            Cohorts
          </Link>
        </Button>
        <Button asChild variant="ghost">
          <Link href={cohortsPath} title="“View as learner” is on each cohort: choose one there.">
            <EyeIcon aria-hidden="true" />
            View as learner
          </Link>
        </Button>
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" aria-label="More course actions">
              <MoreHorizontalIcon aria-hidden="true" />
              <span className="sm:sr-only">More</span>
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem disabled={archived} onSelect={() => setImportOpen(true)}>
              <FileArchiveIcon aria-hidden="true" />
              Import lessons (zip)
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => duplicate.dialogProps.onOpenChange(true)}>
              <CopyIcon aria-hidden="true" />
              Duplicate course
            </DropdownMenuItem>
            {archived ? null : (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem variant="destructive" onSelect={() => archive.dialogProps.onOpenChange(true)}>
                  <ArchiveIcon aria-hidden="true" />
                  Archive course
                </DropdownMenuItem>
              </>
            )}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>

      {lastPublish && lastPublish.skipped.length > 0 ? (
        <Alert variant="destructive" data-testid="publish-skipped">
          <AlertTitle>{plural(lastPublish.skipped.length, "item was", "items were")} not published</AlertTitle>
          <AlertDescription>
            <ul className="list-disc space-y-1 pl-5">
              {lastPublish.skipped.map((s) => (
                <li key={s.id}>
                  <Link href={itemEditorPath(course.orgId, course.id, s.id)} className="font-medium underline">
                    {s.title}
                  </Link>
                  : {s.reason}
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      ) : null}

      <ImportZipDialog courseId={course.id} open={importOpen} onOpenChange={setImportOpen} />
      <ConfirmDialog
        {...publishCourse.dialogProps}
        title={`Publish “${course.title}”?`}
        description="Learners in its cohorts will see its published items (drafts stay hidden until you publish them). You need a cohort for learners to join: create one under Cohorts."
        confirmLabel="Publish course"
        pendingLabel="Publishing…"
        pending={publishMutation.isPending}
        onConfirm={() => publishMutation.mutate({ courseId: course.id })}
      />
      <ConfirmDialog
        {...unpublishCourse.dialogProps}
        title={`Unpublish “${course.title}”?`}
        description={`Learners in its ${plural(course.cohortCount, "cohort", "cohorts")} will no longer see it. Their attempts, submissions and progress are kept, and come back when you publish it again.`}
        confirmLabel="Unpublish course"
        pendingLabel="Unpublishing…"
        destructive
        pending={unpublishMutation.isPending}
        onConfirm={() => unpublishMutation.mutate({ courseId: course.id })}
      />
      <ConfirmDialog
        {...archive.dialogProps}
        title={`Archive “${course.title}”?`}
        description="It leaves the list of active courses and becomes read-only. Cohorts and learners' work are kept. You can restore it from the archived courses."
        confirmLabel="Archive course"
        pendingLabel="Archiving…"
        destructive
        pending={archiveMutation.isPending}
        onConfirm={() => archiveMutation.mutate({ courseId: course.id })}
      />
      <ConfirmDialog
        {...duplicate.dialogProps}
        title={`Duplicate “${course.title}”?`}
        description="You get a new draft course with the same modules and item drafts, in the same unit. Cohorts, learners' work and publish dates are not copied."
        confirmLabel="Duplicate course"
        pendingLabel="Duplicating…"
        pending={duplicateMutation.isPending}
        onConfirm={() => duplicateMutation.mutate({ courseId: course.id })}
      />
    </div>
  );
}
