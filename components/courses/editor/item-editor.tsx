"use client";

import { dateTimeFormat } from "@/lib/intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronLeftIcon, EyeIcon, EyeOffIcon, PencilIcon, SaveIcon, SendIcon } from "lucide-react";
import Link from "next/link";
import { useId, useState, type KeyboardEvent } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { LoadErrorAlert } from "@/components/admin/paged-list";
import { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { MarkdownEditor } from "@/components/courses/markdown-editor";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { Skeleton } from "@/components/ui/skeleton";
import { updateItemSchema } from "@/lib/schemas/course-authoring";
import { itemKindLabels, submissionTypes, type ItemContent } from "@/lib/schemas/course-content";
import type { ItemEditorDTO } from "@/server/services/courses/authoring";
import { ItemPreview } from "./item-preview";
import { formValuesOf, updateInputOf, type ItemFormValues } from "./item-form-values";
import { NumberField } from "./number-field";
import { courseEditorPath } from "./list-input";
import { QuizEditor } from "./quiz-editor";
import { ItemStateBadge } from "./status-badges";
import { useInvalidateCourses } from "./use-invalidate-course";
import { useUnsavedChanges } from "./use-unsaved-changes";

const submissionLabels = { text: "Written answer", file: "File upload", text_or_file: "Written answer or file" } as const;

function formatDateTime(date: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

function stateText(item: ItemEditorDTO, timeZone: string): string {
  switch (item.state) {
    case "draft":
      return "Learners do not see this item. Publish it when it is ready.";
    case "changed":
      return `Learners see the version published ${item.publishedAt ? formatDateTime(item.publishedAt, timeZone) : ""}; publish to show them your changes.`;
    case "scheduled":
      return `Published; learners see it from ${item.publishAt ? formatDateTime(item.publishAt, timeZone) : "its publish date"}.`;
    case "published":
      return "Learners see this version.";
  }
}

/** The editor for one lesson, quiz or assignment: the draft, its schedule, a learner preview, save and publish. */
export function ItemEditor({ itemId, timeZone }: { itemId: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.courses.getItem.queryOptions({ itemId }));
  if (query.isError && !query.data) return <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) {
    return (
      <div aria-busy="true" className="space-y-4">
        <span className="sr-only">Loading the item…</span>
        <Skeleton className="h-10 w-2/3" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  return <ItemEditorForm item={query.data} timeZone={timeZone} />;
}

function ItemEditorForm({ item, timeZone }: { item: ItemEditorDTO; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCourses();
  const errors = useFormErrors();
  const ids = { body: useId(), submission: useId() };
  const [values, setValues] = useState<ItemFormValues>(() => formValuesOf(item, timeZone));
  const [saved, setSaved] = useState<ItemFormValues>(values);
  const [baseDraft, setBaseDraft] = useState(item.draftUpdatedAt);
  const [previewing, setPreviewing] = useState(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  const readOnly = item.courseArchived;
  useUnsavedChanges(dirty, "This item has unsaved changes. Leave without saving them?");

  const itemKey = trpc.courses.getItem.queryKey({ itemId: item.id });
  function adopt(next: ItemEditorDTO) {
    queryClient.setQueryData(itemKey, next);
    const fresh = formValuesOf(next, timeZone);
    setValues(fresh);
    setSaved(fresh);
    setBaseDraft(next.draftUpdatedAt);
  }

  const update = useMutation(trpc.courses.updateItem.mutationOptions());
  const publish = useMutation(trpc.courses.publishItem.mutationOptions());
  const unpublish = useMutation(trpc.courses.unpublishItem.mutationOptions());
  const busy = update.isPending || publish.isPending || unpublish.isPending;

  /** Saves the draft; the saved item, or null when it was refused (the form then shows why). */
  async function save(): Promise<ItemEditorDTO | null> {
    const input = updateInputOf(item.id, values, timeZone, baseDraft);
    if (!errors.check(updateItemSchema, input, "The draft was not saved: fix the problems below.")) return null;
    try {
      const next = await update.mutateAsync(input);
      adopt(next);
      await invalidate();
      return next;
    } catch (error) {
      errors.show(error, ["title"]);
      toastError("The draft was not saved", error);
      return null;
    }
  }

  async function saveDraft() {
    const next = await save();
    if (next) toastSuccess("Draft saved", next.state === "changed" ? "Publish it when learners should see the changes." : undefined);
  }

  async function publishNow() {
    if (dirty && !(await save())) return;
    try {
      const next = await publish.mutateAsync({ itemId: item.id });
      adopt(next);
      errors.reset();
      toastSuccess("Published", next.state === "scheduled" ? "Learners see it from its publish date." : "Learners see this version now.");
      await invalidate();
    } catch (error) {
      errors.show(error);
      toastError("Not published", error);
    }
  }

  async function unpublishNow() {
    try {
      adopt(await unpublish.mutateAsync({ itemId: item.id }));
      toastSuccess("Unpublished", "Learners no longer see this item; their work on it is kept.");
      await invalidate();
    } catch (error) {
      toastError("Not unpublished", error);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (!busy && !readOnly) void saveDraft();
    }
  }

  const setContent = (content: ItemContent) => setValues((v) => ({ ...v, content }));
  const fieldMessages = [...new Set(Object.values(errors.fieldErrors).flat())];
  const content = values.content;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void saveDraft();
      }}
      onKeyDown={onKeyDown}
      noValidate
      className="space-y-6"
    >
      <div className="space-y-2">
        <Link href={courseEditorPath(item.orgId, item.courseId)} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ChevronLeftIcon aria-hidden="true" className="size-4" />
          {item.courseTitle} · {item.moduleTitle}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">{values.title.trim() || "Untitled"}</h1>
          <Badge variant="outline">{itemKindLabels[item.kind]}</Badge>
          <ItemStateBadge state={item.state} />
          {dirty ? <Badge variant="secondary">Unsaved changes</Badge> : null}
        </div>
        <p className="text-sm text-muted-foreground" suppressHydrationWarning>
          {stateText(item, timeZone)}
        </p>
      </div>

      <div className="sticky top-0 z-10 -mx-3 flex flex-wrap gap-2 border-b bg-background/95 px-3 py-2 backdrop-blur sm:-mx-6 sm:px-6">
        <Button type="submit" disabled={readOnly || busy || !dirty} aria-keyshortcuts="Control+S Meta+S" title="Save draft (Ctrl/⌘+S)">
          <SaveIcon aria-hidden="true" />
          {update.isPending ? "Saving…" : dirty ? "Save draft" : "Saved"}
        </Button>
        {item.kind !== "ai_activity" && (dirty || item.state === "draft" || item.state === "changed") ? (
          <Button type="button" variant="outline" disabled={readOnly || busy} onClick={() => void publishNow()}>
            <SendIcon aria-hidden="true" />
            {publish.isPending ? "Publishing…" : dirty ? "Save and publish" : "Publish"}
          </Button>
        ) : null}
        {item.state !== "draft" ? (
          <Button type="button" variant="ghost" disabled={readOnly || busy} onClick={() => void unpublishNow()}>
            <EyeOffIcon aria-hidden="true" />
            Unpublish
          </Button>
        ) : null}
        <Button type="button" variant="ghost" aria-pressed={previewing} onClick={() => setPreviewing((p) => !p)} className="ml-auto">
          {previewing ? <PencilIcon aria-hidden="true" /> : <EyeIcon aria-hidden="true" />}
          {previewing ? "Back to editing" : "Preview as learner"}
        </Button>
      </div>

      {readOnly ? (
        <Alert>
          <AlertDescription>The course is archived, so this item is read-only. Restore the course to edit it.</AlertDescription>
        </Alert>
      ) : null}
      {item.kind === "ai_activity" ? (
        <Alert>
          <AlertDescription>AI activities stay hidden from learners until teacher-built AI tools arrive; you can keep notes here meanwhile.</AlertDescription>
        </Alert>
      ) : null}
      {!dirty && item.publishProblem && (item.state === "draft" || item.state === "changed") && item.kind !== "ai_activity" ? (
        <p className="text-sm text-muted-foreground" data-testid="publish-problem">
          Not ready to publish: {item.publishProblem}
        </p>
      ) : null}
      {errors.formError || fieldMessages.length > 0 ? (
        <Alert variant="destructive" data-testid="item-errors">
          <AlertTitle>{errors.formError ?? "Fix these problems and save again."}</AlertTitle>
          {fieldMessages.length > 0 ? (
            <AlertDescription>
              <ul className="list-disc space-y-1 pl-5">
                {fieldMessages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </AlertDescription>
          ) : null}
        </Alert>
      ) : null}

      {previewing ? (
        <ItemPreview title={values.title} content={content} />
      ) : (
        <div className="space-y-6">
          <FormField
            label="Title"
            name="title"
            required
            maxLength={200}
            disabled={readOnly}
            value={values.title}
            onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))}
            error={errors.fieldErrors.title}
          />

          {content.kind === "lesson" ? (
            <div className="grid gap-2">
              <Label htmlFor={ids.body}>Lesson</Label>
              <MarkdownEditor
                id={ids.body}
                value={content.markdown}
                onChange={(markdown) => setContent({ ...content, markdown })}
                disabled={readOnly}
                placeholder={"# A heading\n\nText, **bold**, `code`, images, and callouts:\n\n> [!TIP]\n> Like this one."}
                aria-invalid={!!errors.fieldErrors["content.markdown"]}
              />
              {errors.fieldErrors["content.markdown"] ? <p className="text-sm font-medium text-destructive">{errors.fieldErrors["content.markdown"].join(" ")}</p> : null}
            </div>
          ) : content.kind === "quiz" ? (
            <QuizEditor content={content} onChange={setContent} errors={errors.fieldErrors} disabled={readOnly} timeZone={timeZone} />
          ) : (
            <div className="grid gap-4">
              <div className="grid gap-2">
                <Label htmlFor={ids.body}>Instructions</Label>
                <MarkdownEditor
                  id={ids.body}
                  rows={10}
                  value={content.instructions}
                  onChange={(instructions) => setContent({ ...content, instructions })}
                  disabled={readOnly}
                  placeholder="What learners should do and hand in, and how it will be assessed."
                  aria-invalid={!!errors.fieldErrors["content.instructions"]}
                />
                {errors.fieldErrors["content.instructions"] ? <p className="text-sm font-medium text-destructive">{errors.fieldErrors["content.instructions"].join(" ")}</p> : null}
              </div>
              {content.kind === "assignment" ? (
                <div className="grid gap-4 sm:grid-cols-2">
                  <FormField label="Learners hand in" name="content.submission" error={errors.fieldErrors["content.submission"]}>
                    <ChoiceSelect
                      id={ids.submission}
                      disabled={readOnly}
                      value={content.submission}
                      choices={submissionTypes}
                      labelOf={(s) => submissionLabels[s]}
                      onValueChange={(submission) => setContent({ ...content, submission })}
                    />
                  </FormField>
                  <NumberField
                    label="Points"
                    name="content.maxPoints"
                    min={1}
                    max={1000}
                    step={1}
                    required
                    disabled={readOnly}
                    description="A reviewer scores each submission out of these."
                    value={content.maxPoints}
                    onValueChange={(maxPoints) => setContent({ ...content, maxPoints })}
                    error={errors.fieldErrors["content.maxPoints"]}
                  />
                </div>
              ) : null}
            </div>
          )}

          <section aria-labelledby="schedule-heading" className="grid gap-4 rounded-lg border p-4">
            <div className="space-y-1">
              <h2 id="schedule-heading" className="text-base font-semibold">
                Schedule
              </h2>
              <p className="text-sm text-muted-foreground">Applies once the item is published, in every cohort of the course.</p>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                label="Publish date"
                name="publishAt"
                type="datetime-local"
                disabled={readOnly}
                description={`Optional: learners see it only from then (${timeZone.replaceAll("_", " ")} time).`}
                value={values.publishAt}
                onChange={(e) => setValues((v) => ({ ...v, publishAt: e.target.value }))}
                error={errors.fieldErrors.publishAt}
              />
              <FormField
                label="Unlock after (days)"
                name="unlockOffsetDays"
                type="number"
                min={0}
                max={3650}
                step={1}
                disabled={readOnly}
                description="Optional: with drip release, unlock this many days after the cohort start (or the learner's join date) instead of in outline order."
                value={values.unlockOffsetDays}
                onChange={(e) => setValues((v) => ({ ...v, unlockOffsetDays: e.target.value }))}
                error={errors.fieldErrors.unlockOffsetDays}
              />
            </div>
          </section>
        </div>
      )}
    </form>
  );
}
