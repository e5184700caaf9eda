"use client";

import { FileArchiveIcon } from "lucide-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { toastSuccess } from "@/components/admin/mutation-feedback";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import type { ImportLessonsResult } from "@/server/services/courses/authoring";
import { uploadFile } from "./upload";
import { useInvalidateCourses } from "./use-invalidate-course";

type Stage = { kind: "choose" } | { kind: "uploading"; fraction: number } | { kind: "done"; result: ImportLessonsResult };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Import a zip of Markdown lessons: one folder per module, one .md file per
 * lesson, images beside them. Shows upload progress, then what was added and
 * anything worth fixing.
 */
export function ImportZipDialog({ courseId, open, onOpenChange }: { courseId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const invalidate = useInvalidateCourses();
  const ids = { file: useId(), error: useId(), help: useId() };
  const inputRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: "choose" });
  const [error, setError] = useState<string | null>(null);
  const uploading = stage.kind === "uploading";

  function reset(next: boolean) {
    if (uploading) return;
    if (next) {
      setStage({ kind: "choose" });
      setError(null);
    }
    onOpenChange(next);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = inputRef.current?.files?.[0];
    if (!file) {
      setError("Choose a .zip file first.");
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setStage({ kind: "uploading", fraction: 0 });
    const result = await uploadFile<ImportLessonsResult>(`/api/courses/${courseId}/import`, file, (fraction) => setStage({ kind: "uploading", fraction }));
    if (!result.ok) {
      setStage({ kind: "choose" });
      setError(result.error.fieldErrors.file?.join(" ") ?? result.error.message);
      return;
    }
    setStage({ kind: "done", result: result.data });
    toastSuccess("Lessons imported", `${plural(result.data.lessons, "lesson", "lessons")} in ${plural(result.data.modules, "new module", "new modules")}, as drafts.`);
    await invalidate();
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Import lessons from a zip</DialogTitle>
          <DialogDescription>
            Each folder becomes a module and each Markdown (.md) file a lesson draft, in name order (number them: 01-intro, 02-basics). Images next to the lessons
            are kept. Nothing is published.
          </DialogDescription>
        </DialogHeader>
        {stage.kind === "done" ? (
          <div className="grid gap-3" data-testid="import-result">
            <Alert>
              <AlertTitle>Imported</AlertTitle>
              <AlertDescription>
                Added {plural(stage.result.modules, "module", "modules")} with {plural(stage.result.lessons, "lesson", "lessons")} and{" "}
                {plural(stage.result.images, "image", "images")} at the end of the outline.
              </AlertDescription>
            </Alert>
            {stage.result.warnings.length > 0 ? (
              <div className="grid gap-1">
                <p className="text-sm font-medium">Worth a look ({stage.result.warnings.length})</p>
                <ul className="max-h-48 list-disc space-y-1 overflow-y-auto pl-5 text-sm text-muted-foreground">
                  {stage.result.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button">Done</Button>
              </DialogClose>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={submit} noValidate className="grid gap-4">
            <div className="grid gap-2">
              <Label htmlFor={ids.file}>Zip archive</Label>
              <input
                ref={inputRef}
                id={ids.file}
                name="file"
                type="file"
                accept=".zip,application/zip,application/x-zip-compressed"
                disabled={uploading}
                aria-invalid={error ? true : undefined}
                aria-describedby={[ids.help, error ? ids.error : ""].filter(Boolean).join(" ")}
                className="text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
              />
              <p id={ids.help} className="text-xs text-muted-foreground">
                Up to 20 MB unpacked and 200 lessons. A lesson&apos;s first heading becomes its title.
              </p>
              {error ? (
                <p id={ids.error} role="alert" className="text-sm font-medium text-destructive">
                  {error}
                </p>
              ) : null}
            </div>
            {uploading ? (
              <div className="grid gap-1">
                <progress className="h-2 w-full accent-primary" max={1} value={stage.fraction} aria-label="Upload progress" />
                <p className="text-xs text-muted-foreground" aria-live="polite">
                  {stage.fraction < 1 ? `Uploading… ${Math.round(stage.fraction * 100)}%` : "Uploaded; creating the lessons…"}
                </p>
              </div>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline" disabled={uploading}>
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" disabled={uploading}>
                <FileArchiveIcon aria-hidden="true" />
                {uploading ? "Importing…" : "Import"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
