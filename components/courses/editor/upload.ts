/**
 * Sends one file as multipart `file` to a course upload route and reads its
 * JSON answer. XMLHttpRequest rather than fetch, because only it reports
 * upload progress.
 */

export interface UploadFailure {
  message: string;
  fieldErrors: Record<string, string[]>;
}

export type UploadResult<T> = { ok: true; data: T } | { ok: false; error: UploadFailure };

function failureOf(body: unknown, status: number): UploadFailure {
  if (body && typeof body === "object" && "error" in body && typeof body.error === "string") {
    const fieldErrors = "fieldErrors" in body && body.fieldErrors && typeof body.fieldErrors === "object" ? (body.fieldErrors as Record<string, string[]>) : {};
    return { message: body.error, fieldErrors };
  }
  return {
    message: status === 0 ? "The upload did not reach the server. Check your connection and try again." : `The upload failed (HTTP ${status}). Try again.`,
    fieldErrors: {},
  };
}

export function uploadFile<T>(url: string, file: File, onProgress?: (fraction: number) => void): Promise<UploadResult<T>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status >= 200 && request.status < 300) resolve({ ok: true, data: body as T });
      else resolve({ ok: false, error: failureOf(body, request.status) });
    };
    request.onerror = () => resolve({ ok: false, error: failureOf(null, 0) });
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
