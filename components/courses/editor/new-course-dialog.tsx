"use client";

import { useMutation } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import type { ButtonProps } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select-native";
import { Textarea } from "@/components/ui/textarea";
import { createCourseSchema, maxCourseDescriptionLength, maxCourseTitleLength } from "@/lib/schemas/course-authoring";
import type { AuthoringUnitDTO } from "@/server/services/courses/authoring";
import { courseEditorPath } from "./list-input";

const shownFields = ["title", "unitId", "description"] as const;

/** "New course": title, the unit it belongs to (only units where the viewer may create one), description. Opens the editor after. */
export function NewCourseDialog({ orgId, units, trigger }: { orgId: string; units: AuthoringUnitDTO[]; trigger?: ButtonProps }) {
  const trpc = useTRPC();
  const router = useRouter();
  const initial = () => ({ title: "", description: "", unitId: units.length === 1 ? (units[0]?.id ?? "") : "" });
  const [values, setValues] = useState(initial);
  const dialog = useMutationDialog({ invalidate: async () => undefined, onOpen: () => setValues(initial()) });
  const create = useMutation(
    trpc.courses.create.mutationOptions({
      onSuccess: async (course) => {
        await dialog.succeeded("Course created", `“${course.title}” is a draft. Add modules and lessons, then publish it.`);
        router.push(courseEditorPath(orgId, course.id));
      },
      onError: (error) => dialog.failed("The course was not created", error, shownFields),
    }),
  );

  function submit() {
    const input = { orgId, ...values };
    if (!dialog.check(createCourseSchema, input, "Check the highlighted fields.")) return;
    create.mutate(input);
  }

  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={
        trigger ?? {
          variant: "default",
          size: "default",
          children: (
            <>
              <PlusIcon aria-hidden="true" />
              New course
            </>
          ),
        }
      }
      title="New course"
      description="It starts as a draft that only authors see. You can change all of this later."
      confirmLabel="Create course"
      pendingLabel="Creating…"
      pending={create.isPending}
      onConfirm={submit}
    >
      <FormField
        label="Title"
        name="title"
        required
        maxLength={maxCourseTitleLength}
        value={values.title}
        onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))}
        placeholder="Introduction to astronomy"
        error={dialog.fieldErrors.title}
      />
      <FormField label="Unit" name="unitId" required description="Teachers and admins of this unit and the units above it can edit the course." error={dialog.fieldErrors.unitId}>
        <NativeSelect value={values.unitId} onChange={(e) => setValues((v) => ({ ...v, unitId: e.target.value }))}>
          <option value="" disabled>
            Choose a unit
          </option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Description" name="description" description="Optional: what learners will get out of it." error={dialog.fieldErrors.description}>
        <Textarea rows={3} maxLength={maxCourseDescriptionLength} value={values.description} onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))} />
      </FormField>
    </ConfirmDialog>
  );
}
