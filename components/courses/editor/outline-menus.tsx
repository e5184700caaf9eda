"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, CopyIcon, EyeOffIcon, MoreHorizontalIcon, PencilIcon, SendIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { FormField } from "@/components/ui/form-field";
import { maxModuleTitleLength, renameModuleSchema } from "@/lib/schemas/course-authoring";
import type { CourseSummaryDTO, OutlineItemDTO, OutlineModuleDTO } from "@/server/services/courses/authoring";
import { itemEditorPath } from "./list-input";
import { useInvalidateCourses } from "./use-invalidate-course";

function MenuTrigger({ label }: { label: string }) {
  return (
    <DropdownMenuTrigger asChild>
      <Button variant="ghost" size="icon" aria-label={label} className="size-8 shrink-0">
        <MoreHorizontalIcon aria-hidden="true" />
      </Button>
    </DropdownMenuTrigger>
  );
}

/** "Move up" and "Move down", each off at its end of the list. */
function MoveMenuItems({ canMoveUp, canMoveDown, onStep }: { canMoveUp: boolean; canMoveDown: boolean; onStep: (direction: -1 | 1) => void }) {
  return (
    <>
      <DropdownMenuItem disabled={!canMoveUp} onSelect={() => onStep(-1)}>
        <ArrowUpIcon aria-hidden="true" />
        Move up
      </DropdownMenuItem>
      <DropdownMenuItem disabled={!canMoveDown} onSelect={() => onStep(1)}>
        <ArrowDownIcon aria-hidden="true" />
        Move down
      </DropdownMenuItem>
    </>
  );
}

/** Opens the delete confirmation. */
function DeleteMenuItem({ onSelect }: { onSelect: () => void }) {
  return (
    <DropdownMenuItem variant="destructive" onSelect={onSelect}>
      <Trash2Icon aria-hidden="true" />
      Delete
    </DropdownMenuItem>
  );
}

/** Rename, move and delete a module. */
export function ModuleMenu({
  module,
  isFirst,
  isLast,
  onMove,
}: {
  module: OutlineModuleDTO;
  isFirst: boolean;
  isLast: boolean;
  onMove: (position: number) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCourses();
  const [title, setTitle] = useState(module.title);
  const rename = useMutationDialog({ invalidate, onOpen: () => setTitle(module.title) });
  const remove = useMutationDialog({ invalidate });
  const renameMutation = useMutation(
    trpc.courses.renameModule.mutationOptions({
      onSuccess: (m) => rename.succeeded("Module renamed", `It is now “${m.title}”.`),
      onError: (error) => rename.failed("The module was not renamed", error, ["title"]),
    }),
  );
  const deleteMutation = useMutation(
    trpc.courses.deleteModule.mutationOptions({
      onSuccess: () => remove.succeeded("Module deleted", `“${module.title}” and its items are gone.`),
      onError: (error) => remove.failed("The module was not deleted", error),
    }),
  );

  return (
    <>
      <DropdownMenu modal={false}>
        <MenuTrigger label={`Actions for module ${module.title}`} />
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => rename.dialogProps.onOpenChange(true)}>
            <PencilIcon aria-hidden="true" />
            Rename
          </DropdownMenuItem>
          <MoveMenuItems canMoveUp={!isFirst} canMoveDown={!isLast} onStep={(direction) => onMove(module.position + direction)} />
          <DropdownMenuSeparator />
          <DeleteMenuItem onSelect={() => remove.dialogProps.onOpenChange(true)} />
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        {...rename.dialogProps}
        title="Rename module"
        confirmLabel="Rename"
        pendingLabel="Renaming…"
        pending={renameMutation.isPending}
        onConfirm={() => {
          const input = { moduleId: module.id, title };
          if (rename.check(renameModuleSchema, input)) renameMutation.mutate(input);
        }}
      >
        <FormField label="Title" name="title" required maxLength={maxModuleTitleLength} value={title} onChange={(e) => setTitle(e.target.value)} error={rename.fieldErrors.title} />
      </ConfirmDialog>
      <ConfirmDialog
        {...remove.dialogProps}
        title={`Delete “${module.title}”?`}
        description={
          module.items.length === 0
            ? "The module is empty."
            : `Its ${module.items.length} ${module.items.length === 1 ? "item goes" : "items go"} too. Modules whose items learners have worked on cannot be deleted; unpublish those items instead.`
        }
        confirmLabel="Delete module"
        pendingLabel="Deleting…"
        destructive
        pending={deleteMutation.isPending}
        onConfirm={() => deleteMutation.mutate({ moduleId: module.id })}
      />
    </>
  );
}

/** Edit, move, duplicate, publish or unpublish, and delete an item. */
export function ItemMenu({
  item,
  course,
  canMoveUp,
  canMoveDown,
  onStep,
}: {
  item: OutlineItemDTO;
  course: CourseSummaryDTO;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onStep: (direction: -1 | 1) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCourses();
  const remove = useMutationDialog({ invalidate });
  const editPath = itemEditorPath(course.orgId, course.id, item.id);
  const deleteMutation = useMutation(
    trpc.courses.deleteItem.mutationOptions({
      onSuccess: () => remove.succeeded("Item deleted", `“${item.title}” is gone.`),
      onError: (error) => remove.failed("The item was not deleted", error),
    }),
  );
  const duplicate = useMutation(
    trpc.courses.duplicateItem.mutationOptions({
      onSuccess: async (copy) => {
        toastSuccess("Item duplicated", `“${copy.title}” is a draft right after the original.`);
        await invalidate();
      },
      onError: (error) => toastError("The item was not duplicated", error),
    }),
  );
  const publish = useMutation(
    trpc.courses.publishItem.mutationOptions({
      onSuccess: async (published) => {
        toastSuccess("Published", `Learners see “${published.title}” ${published.state === "scheduled" ? "from its publish date" : "now"}.`);
        await invalidate();
      },
      onError: (error) => toastError(`“${item.title}” was not published`, error),
    }),
  );
  const unpublish = useMutation(
    trpc.courses.unpublishItem.mutationOptions({
      onSuccess: async () => {
        toastSuccess("Unpublished", `Learners no longer see “${item.title}”; their work on it is kept.`);
        await invalidate();
      },
      onError: (error) => toastError(`“${item.title}” was not unpublished`, error),
    }),
  );
  const canPublish = item.kind !== "ai_activity" && (item.state === "draft" || item.state === "changed");

  return (
    <>
      <DropdownMenu modal={false}>
        <MenuTrigger label={`Actions for ${item.title}`} />
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={editPath}>
              <PencilIcon aria-hidden="true" />
              Edit
            </Link>
          </DropdownMenuItem>
          <MoveMenuItems canMoveUp={canMoveUp} canMoveDown={canMoveDown} onStep={onStep} />
          <DropdownMenuItem disabled={duplicate.isPending} onSelect={() => duplicate.mutate({ itemId: item.id })}>
            <CopyIcon aria-hidden="true" />
            Duplicate
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          {canPublish ? (
            <DropdownMenuItem disabled={publish.isPending} onSelect={() => publish.mutate({ itemId: item.id })}>
              <SendIcon aria-hidden="true" />
              {item.state === "changed" ? "Publish changes" : "Publish"}
            </DropdownMenuItem>
          ) : null}
          {item.state !== "draft" ? (
            <DropdownMenuItem disabled={unpublish.isPending} onSelect={() => unpublish.mutate({ itemId: item.id })}>
              <EyeOffIcon aria-hidden="true" />
              Unpublish
            </DropdownMenuItem>
          ) : null}
          <DeleteMenuItem onSelect={() => remove.dialogProps.onOpenChange(true)} />
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        {...remove.dialogProps}
        title={`Delete “${item.title}”?`}
        description="Its draft and published copy go. An item learners have already worked on cannot be deleted: unpublish it instead, so their work stays."
        confirmLabel="Delete item"
        pendingLabel="Deleting…"
        destructive
        pending={deleteMutation.isPending}
        onConfirm={() => deleteMutation.mutate({ itemId: item.id })}
      />
    </>
  );
}
