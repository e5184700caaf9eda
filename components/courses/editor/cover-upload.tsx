"use client";

import { useMutation } from "@tanstack/react-query";
import { ImageIcon, Trash2Icon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import type { CourseSummaryDTO } from "@/server/services/courses/authoring";
import { CourseCover } from "./course-cover";
import { uploadFile } from "./upload";
import { useInvalidateCourses } from "./use-invalidate-course";

const accepted = "image/png,image/jpeg,image/gif,image/webp";

/** The cover with "Upload cover" (sent at once, previewed while it uploads) and "Remove cover". */
export function CoverUpload({ course, disabled }: { course: CourseSummaryDTO; disabled: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCourses();
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const clear = useMutation(
    trpc.courses.clearCover.mutationOptions({
      onSuccess: async () => {
        toastSuccess("Cover removed", "The course shows its generated cover again.");
        await invalidate();
      },
      onError: (e) => toastError("The cover was not removed", e),
    }),
  );

  async function upload(file: File) {
    setError(null);
    setPreview(URL.createObjectURL(file));
    setUploading(true);
    const result = await uploadFile<{ coverUrl: string }>(`/api/courses/${course.id}/cover`, file);
    setUploading(false);
    if (inputRef.current) inputRef.current.value = "";
    if (result.ok) {
      toastSuccess("Cover uploaded");
      await invalidate();
      setPreview(null);
    } else {
      setPreview(null);
      setError(result.error.fieldErrors.file?.join(" ") ?? result.error.message);
    }
  }

  return (
    <div className="grid gap-3">
      <p className="text-sm font-medium">Cover</p>
      <div className="relative overflow-hidden rounded-lg border">
        <CourseCover courseId={course.id} title={course.title} coverUrl={preview ?? course.coverUrl} className={uploading ? "opacity-60" : undefined} />
        {uploading ? <p className="absolute inset-x-0 bottom-0 bg-background/80 px-3 py-1 text-sm">Uploading…</p> : null}
      </div>
      <input
        ref={inputRef}
        type="file"
        accept={accepted}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" disabled={disabled || uploading} onClick={() => inputRef.current?.click()} aria-describedby={error ? errorId : undefined}>
          <ImageIcon aria-hidden="true" />
          {course.coverUrl ? "Replace cover" : "Upload cover"}
        </Button>
        {course.coverUrl ? (
          <Button type="button" variant="ghost" size="sm" disabled={disabled || clear.isPending} onClick={() => clear.mutate({ courseId: course.id })}>
            <Trash2Icon aria-hidden="true" />
            Remove cover
          </Button>
        ) : null}
      </div>
      <p className="text-xs text-muted-foreground">PNG, JPEG, GIF or WebP, up to 5 MB; shown at 16:9.</p>
      {error ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
