"use client";

import { dateTimeFormat } from "@/lib/intl";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileQuestionIcon, FileTextIcon, GripVerticalIcon, NotebookPenIcon, SparklesIcon, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { toastError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { itemKindLabels, type CourseItemKind } from "@/lib/schemas/course-content";
import { cn } from "@/lib/utils";
import type { CourseOutlineDTO, OutlineItemDTO, OutlineModuleDTO } from "@/server/services/courses/authoring";
import { AddItemForm, AddModuleForm } from "./outline-add-forms";
import { ItemMenu, ModuleMenu } from "./outline-menus";
import { itemEditorPath } from "./list-input";
import { moveItemTo, moveModuleTo, stepItem, withPositions } from "./reorder";
import { ItemStateBadge } from "./status-badges";
import { useInvalidateCourses } from "./use-invalidate-course";
import { useOutlineDrag } from "./use-outline-drag";

export const kindIcons: Record<CourseItemKind, LucideIcon> = {
  lesson: FileTextIcon,
  quiz: FileQuestionIcon,
  assignment: NotebookPenIcon,
  ai_activity: SparklesIcon,
};

const handleClasses = cn(
  "inline-flex size-8 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-muted-foreground",
  "hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
  "data-[dragging]:cursor-grabbing data-[dragging]:bg-primary data-[dragging]:text-primary-foreground disabled:cursor-not-allowed disabled:opacity-50",
);

function formatDate(date: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

function ItemDetails({ item, timeZone }: { item: OutlineItemDTO; timeZone: string }) {
  const parts: string[] = [itemKindLabels[item.kind]];
  if (item.questionCount !== null) parts.push(`${item.questionCount} ${item.questionCount === 1 ? "question" : "questions"}`);
  if (item.unlockOffsetDays !== null) parts.push(`unlocks day ${item.unlockOffsetDays}`);
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
      <span>{parts.join(" · ")}</span>
      <ItemStateBadge state={item.state} />
      {item.publishAt ? <span>Publish date {formatDate(item.publishAt, timeZone)}</span> : null}
    </p>
  );
}

/**
 * Modules and their items, in order. Items and modules move by dragging
 * their handle, with the keyboard on the handle, or with "Move up/down" in
 * their menu; each change is saved at once (the order is also the drip order).
 */
export function CourseOutline({ outline, timeZone, readOnly }: { outline: CourseOutlineDTO; timeZone: string; readOnly: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCourses();
  const instructionsId = useId();
  const { course } = outline;
  const outlineKey = trpc.courses.outline.queryKey({ courseId: course.id });

  function showOrder(modules: OutlineModuleDTO[]) {
    queryClient.setQueryData(outlineKey, (current) => (current ? { ...current, modules: withPositions(modules) } : current));
  }

  const moveItem = useMutation(
    trpc.courses.moveItem.mutationOptions({
      onError: (error) => toastError("The item was not moved", error),
      onSettled: () => invalidate(),
    }),
  );
  const moveModule = useMutation(
    trpc.courses.moveModule.mutationOptions({
      onError: (error) => toastError("The module was not moved", error),
      onSettled: () => invalidate(),
    }),
  );

  const drag = useOutlineDrag<OutlineItemDTO, OutlineModuleDTO>({
    modules: outline.modules,
    disabled: readOnly,
    onMoveItem(itemId, place, reordered) {
      showOrder(reordered);
      moveItem.mutate({ itemId, moduleId: place.moduleId, position: place.index });
    },
    onMoveModule(moduleId, index, reordered) {
      showOrder(reordered);
      moveModule.mutate({ moduleId, position: index });
    },
  });

  return (
    <section aria-labelledby="outline-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="outline-heading" className="text-lg font-semibold">
          Outline
        </h2>
        <p className="text-sm text-muted-foreground">
          Learners go through modules and items in this order; with drip release, they unlock in it too. Changes to the order apply at once.
        </p>
      </div>
      <p id={instructionsId} className="sr-only">
        Press Space or Enter to pick it up, the up and down arrow keys to move it, Space or Enter to drop it, Escape to cancel. You can also drag it, or use
        Move up and Move down in its menu.
      </p>
      <p aria-live="assertive" className="sr-only" data-testid="outline-announcement">
        {drag.announcement}
      </p>

      {drag.shown.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          This course has no modules yet. Add a module for each week or topic below, or import a zip of Markdown lessons from the course menu.
        </p>
      ) : (
        <ol className="space-y-4" aria-label="Modules">
          {drag.shown.map((module, moduleIndex) => (
            <li
              key={module.id}
              data-outline-module={module.id}
              className={cn("rounded-lg border bg-card p-3 sm:p-4", drag.dragging?.type === "module" && drag.dragging.id === module.id && "ring-2 ring-primary")}
            >
              <section aria-label={module.title} className="space-y-3">
                <header className="flex items-center gap-2">
                  <button {...drag.moduleHandleProps(module.id, module.title)} aria-describedby={instructionsId} className={handleClasses}>
                    <GripVerticalIcon aria-hidden="true" className="size-4" />
                  </button>
                  <h3 className="min-w-0 flex-1 font-semibold break-words">
                    <span className="text-muted-foreground">{moduleIndex + 1}. </span>
                    {module.title}
                  </h3>
                  <span className="hidden text-xs text-muted-foreground sm:inline">
                    {module.items.length} {module.items.length === 1 ? "item" : "items"}
                  </span>
                  {readOnly ? null : (
                    <ModuleMenu
                      module={module}
                      isFirst={moduleIndex === 0}
                      isLast={moduleIndex === drag.shown.length - 1}
                      onMove={(position) => {
                        showOrder(moveModuleTo(drag.shown, module.id, position));
                        moveModule.mutate({ moduleId: module.id, position });
                      }}
                    />
                  )}
                </header>
                {module.items.length === 0 ? (
                  <p data-outline-items="" className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">
                    No items yet. Add a lesson, quiz or assignment below{drag.shown.length > 1 ? ", or drag one here" : ""}.
                  </p>
                ) : (
                  <ol data-outline-items="" className="space-y-2" aria-label={`Items of ${module.title}`}>
                    {module.items.map((item, index) => {
                      const Icon = kindIcons[item.kind];
                      const active = drag.dragging?.type === "item" && drag.dragging.id === item.id;
                      return (
                        <li
                          key={item.id}
                          data-outline-item={item.id}
                          className={cn("flex items-center gap-2 rounded-md border bg-background p-2", active && "shadow-md ring-2 ring-primary")}
                        >
                          <button {...drag.itemHandleProps(item.id, item.title)} aria-describedby={instructionsId} className={handleClasses}>
                            <GripVerticalIcon aria-hidden="true" className="size-4" />
                          </button>
                          <Icon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                          <div className="min-w-0 flex-1 space-y-1">
                            <Link href={itemEditorPath(course.orgId, course.id, item.id)} className="font-medium break-words hover:underline">
                              {item.title}
                            </Link>
                            <ItemDetails item={item} timeZone={timeZone} />
                          </div>
                          {readOnly ? null : (
                            <ItemMenu
                              item={item}
                              course={course}
                              canMoveUp={moduleIndex > 0 || index > 0}
                              canMoveDown={moduleIndex < drag.shown.length - 1 || index < module.items.length - 1}
                              onStep={(direction) => {
                                // The same step the keyboard takes, across module boundaries too.
                                const place = stepItem(drag.shown, item.id, direction);
                                if (!place) return;
                                showOrder(moveItemTo(drag.shown, item.id, place));
                                moveItem.mutate({ itemId: item.id, moduleId: place.moduleId, position: place.index });
                              }}
                            />
                          )}
                        </li>
                      );
                    })}
                  </ol>
                )}
                {readOnly ? null : <AddItemForm moduleId={module.id} moduleTitle={module.title} />}
              </section>
            </li>
          ))}
        </ol>
      )}
      {readOnly ? null : <AddModuleForm courseId={course.id} />}
    </section>
  );
}
