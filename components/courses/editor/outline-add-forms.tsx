"use client";

import { useMutation } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { formErrorsOf, toastSuccess } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { authorableItemKinds, itemKindLabels, type AuthorableItemKind } from "@/lib/schemas/course-content";
import { createItemSchema, createModuleSchema, maxModuleTitleLength } from "@/lib/schemas/course-authoring";
import { fieldErrorsOf } from "@/lib/validation";
import { useInvalidateCourses } from "./use-invalidate-course";

function InlineError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <p id={id} className="text-sm font-medium text-destructive">
      {message}
    </p>
  ) : null;
}

/** Adds a lesson, quiz or assignment at the end of a module; focus stays in the title field for the next one. */
export function AddItemForm({ moduleId, moduleTitle }: { moduleId: string; moduleTitle: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCourses();
  const ids = { kind: useId(), title: useId(), error: useId() };
  const [kind, setKind] = useState<AuthorableItemKind>("lesson");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const create = useMutation(
    trpc.courses.createItem.mutationOptions({
      onSuccess: async (item) => {
        toastSuccess(`${itemKindLabels[item.kind]} added`, `“${item.title}” is a draft in “${moduleTitle}”. Open it to write it.`);
        setTitle("");
        await invalidate();
        document.getElementById(ids.title)?.focus();
      },
      onError: (e) => setError(formErrorsOf(e, []).formError ?? "The item was not added."),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { moduleId, kind, title };
    const parsed = createItemSchema.safeParse(input);
    if (!parsed.success) {
      setError(Object.values(fieldErrorsOf(parsed.error)).flat().join(" "));
      titleRef.current?.focus();
      return;
    }
    setError(null);
    create.mutate(input);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-2 rounded-md bg-muted/40 p-2 sm:grid-cols-[10rem_1fr_auto] sm:items-end" aria-label={`Add an item to ${moduleTitle}`}>
      <div className="grid gap-1.5">
        <Label htmlFor={ids.kind} className="text-xs">
          Type
        </Label>
        <ChoiceSelect id={ids.kind} value={kind} choices={authorableItemKinds} labelOf={(k) => itemKindLabels[k]} onValueChange={setKind} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={ids.title} className="text-xs">
          Title
        </Label>
        <Input
          ref={titleRef}
          id={ids.title}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={kind === "quiz" ? "Check your understanding" : kind === "assignment" ? "Hand in your notes" : "What this lesson teaches"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
        />
      </div>
      <Button type="submit" variant="outline" disabled={create.isPending}>
        <PlusIcon aria-hidden="true" />
        {create.isPending ? "Adding…" : "Add"}
      </Button>
      <div className="sm:col-span-3">
        <InlineError id={ids.error} message={error} />
      </div>
    </form>
  );
}

/** Adds a module at the end of the course. */
export function AddModuleForm({ courseId }: { courseId: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCourses();
  const ids = { title: useId(), error: useId() };
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.courses.createModule.mutationOptions({
      onSuccess: async (module) => {
        toastSuccess("Module added", `Add lessons, quizzes and assignments to “${module.title}”.`);
        setTitle("");
        await invalidate();
      },
      onError: (e) => setError(formErrorsOf(e, []).formError ?? "The module was not added."),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createModuleSchema.safeParse({ courseId, title });
    if (!parsed.success) {
      setError(Object.values(fieldErrorsOf(parsed.error)).flat().join(" "));
      return;
    }
    setError(null);
    create.mutate({ courseId, title });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-2 rounded-lg border border-dashed p-3 sm:grid-cols-[1fr_auto] sm:items-end" aria-label="Add a module">
      <div className="grid gap-1.5">
        <Label htmlFor={ids.title}>New module</Label>
        <Input
          id={ids.title}
          value={title}
          maxLength={maxModuleTitleLength}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Week 1: Getting started"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
        />
      </div>
      <Button type="submit" disabled={create.isPending}>
        <PlusIcon aria-hidden="true" />
        {create.isPending ? "Adding…" : "Add module"}
      </Button>
      <div className="sm:col-span-2">
        <InlineError id={ids.error} message={error} />
      </div>
    </form>
  );
}
