"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { maxCourseDescriptionLength, maxCourseTitleLength, updateCourseSchema } from "@/lib/schemas/course-authoring";
import type { CourseSummaryDTO } from "@/server/services/courses/authoring";
import { CoverUpload } from "./cover-upload";
import { useInvalidateCourses } from "./use-invalidate-course";

/** Title, description and cover of a course. */
export function CourseDetailsForm({ course, readOnly }: { course: CourseSummaryDTO; readOnly: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCourses();
  const errors = useFormErrors();
  const [values, setValues] = useState({ title: course.title, description: course.description });
  const [saved, setSaved] = useState({ title: course.title, description: course.description });
  // Another tab or a duplicate may have changed the course: follow it unless the form has unsaved edits.
  if ((course.title !== saved.title || course.description !== saved.description) && values.title === saved.title && values.description === saved.description) {
    setSaved({ title: course.title, description: course.description });
    setValues({ title: course.title, description: course.description });
  }
  const dirty = values.title !== saved.title || values.description !== saved.description;
  const update = useMutation(
    trpc.courses.update.mutationOptions({
      onSuccess: async (updated) => {
        setSaved({ title: updated.title, description: updated.description });
        setValues({ title: updated.title, description: updated.description });
        toastSuccess("Details saved");
        await invalidate();
      },
      onError: (error) => {
        errors.show(error, ["title", "description"]);
        toastError("The details were not saved", error);
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { courseId: course.id, ...values };
    if (errors.check(updateCourseSchema, input, "Check the highlighted fields.")) update.mutate(input);
  }

  return (
    <section aria-labelledby="details-heading" className="grid gap-6 rounded-lg border bg-card p-4 md:grid-cols-[1fr_16rem]">
      <form onSubmit={submit} noValidate className="grid content-start gap-4">
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <FormErrorAlert message={errors.formError} />
        <FormField
          label="Title"
          name="title"
          required
          disabled={readOnly}
          maxLength={maxCourseTitleLength}
          value={values.title}
          onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))}
          error={errors.fieldErrors.title}
        />
        <FormField label="Description" name="description" description="Shown on the course card and the learners' course home." error={errors.fieldErrors.description}>
          <Textarea
            rows={4}
            disabled={readOnly}
            maxLength={maxCourseDescriptionLength}
            value={values.description}
            onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
          />
        </FormField>
        {readOnly ? null : (
          <div className="flex gap-2">
            <Button type="submit" disabled={!dirty || update.isPending}>
              {update.isPending ? "Saving…" : "Save details"}
            </Button>
            {dirty ? (
              <Button type="button" variant="ghost" onClick={() => setValues(saved)}>
                Discard changes
              </Button>
            ) : null}
          </div>
        )}
      </form>
      <CoverUpload course={course} disabled={readOnly} />
    </section>
  );
}
