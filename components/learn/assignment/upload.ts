import type { SubmissionDTO } from "@/server/services/courses/learning";

/**
 * POST /api/submissions with XMLHttpRequest, because fetch cannot report
 * upload progress. Resolves with the submission; rejects with an UploadError
 * carrying the server's message and field errors.
 */

export class UploadError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> | null = null,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

interface ErrorBody {
  error?: unknown;
  fieldErrors?: unknown;
}

function fieldErrorsOf(value: unknown): Record<string, string[]> | null {
  if (!value || typeof value !== "object") return null;
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) out[key] = messages.filter((m): m is string => typeof m === "string");
  }
  return out;
}

/** Dates arrive as ISO strings in JSON. */
function reviveSubmission(body: SubmissionDTO & { submittedAt: string | Date; reviewedAt: string | Date | null }): SubmissionDTO {
  return { ...body, submittedAt: new Date(body.submittedAt), reviewedAt: body.reviewedAt ? new Date(body.reviewedAt) : null };
}

export function uploadSubmission({
  cohortId,
  itemId,
  text,
  file,
  onProgress,
}: {
  cohortId: string;
  itemId: string;
  text: string;
  file: File;
  onProgress: (percent: number) => void;
}): Promise<SubmissionDTO> {
  const form = new FormData();
  form.set("cohortId", cohortId);
  form.set("itemId", itemId);
  if (text.trim()) form.set("text", text);
  form.set("file", file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/submissions");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    });
    xhr.addEventListener("load", () => {
      const body = xhr.response as unknown;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === "object") {
        onProgress(100);
        resolve(reviveSubmission(body as SubmissionDTO & { submittedAt: string; reviewedAt: string | null }));
        return;
      }
      const error = (body && typeof body === "object" ? body : {}) as ErrorBody;
      const message = typeof error.error === "string" ? error.error : `The upload failed (HTTP ${xhr.status}). Try again.`;
      reject(new UploadError(message, fieldErrorsOf(error.fieldErrors)));
    });
    xhr.addEventListener("error", () => reject(new UploadError("The upload did not reach the server. Check your connection and try again.")));
    xhr.addEventListener("abort", () => reject(new UploadError("The upload was cancelled.")));
    xhr.send(form);
  });
}
