import { AppError, httpStatusOf, isAppError } from "@/lib/errors";
import { formatBytes } from "@/server/storage";

/**
 * The course upload routes (cover, zip import) share this: reading one file
 * from a multipart body without ever holding more than the limit in memory,
 * and answering errors as JSON `{ error, fieldErrors? }` with the status of
 * the AppError code.
 */

/** Room for the multipart boundaries and headers around the file. */
const envelopeBytes = 64 * 1024;

function tooLarge(what: string, maxBytes: number): AppError {
  const message = `The ${what} is larger than ${formatBytes(maxBytes)}. Choose a smaller file.`;
  return new AppError("invalid", message, { fieldErrors: { file: [message] } });
}

async function readLimited(request: Request, limit: number, what: string, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(what, maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The file sent in the multipart field `file`, at most `maxBytes`. */
export async function readUploadedFile(request: Request, options: { maxBytes: number; what: string }): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const { maxBytes, what } = options;
  const body = await readLimited(request, maxBytes + envelopeBytes, what, maxBytes);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("invalid", `Send the ${what} as multipart/form-data in a field named “file”.`);
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    const message = `Choose the ${what} to upload.`;
    throw new AppError("invalid", message, { fieldErrors: { file: [message] } });
  }
  if (file.size > maxBytes) throw tooLarge(what, maxBytes);
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** An error as the JSON the upload forms read; anything that is not an AppError is logged and hidden. */
export function uploadErrorResponse(error: unknown): Response {
  if (isAppError(error)) {
    return Response.json({ error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) }, { status: httpStatusOf[error.code] });
  }
  console.error(error);
  return Response.json({ error: "Something went wrong on our side. Try again." }, { status: 500 });
}
