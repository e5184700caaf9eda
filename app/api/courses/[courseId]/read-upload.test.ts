import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { readUploadedFile, uploadErrorResponse } from "./read-upload";

function multipart(file: File | null, field = "file"): Request {
  const form = new FormData();
  if (file) form.append(field, file);
  return new Request("http://localhost/api/courses/c1/import", { method: "POST", body: form });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
  throw new Error("Expected a refusal.");
}

describe("readUploadedFile", () => {
  it("returns the file sent as `file`", async () => {
    const file = await readUploadedFile(multipart(new File(["hello"], "notes.zip", { type: "application/zip" })), { maxBytes: 1024, what: "zip archive" });
    expect(file).toMatchObject({ name: "notes.zip", type: "application/zip" });
    expect(new TextDecoder().decode(file.bytes)).toBe("hello");
  });

  it("refuses a body over the limit without reading it all, a missing file and a body that is not multipart", async () => {
    const big = new File([new Uint8Array(200 * 1024)], "big.zip");
    expect(await refusal(readUploadedFile(multipart(big), { maxBytes: 1024, what: "zip archive" }))).toBe("The zip archive is larger than 1 KB. Choose a smaller file.");
    expect(await refusal(readUploadedFile(multipart(new File(["x"], "a.zip"), "other"), { maxBytes: 1024, what: "zip archive" }))).toBe("Choose the zip archive to upload.");
    const json = new Request("http://localhost/x", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await refusal(readUploadedFile(json, { maxBytes: 1024, what: "cover image" }))).toMatch(/multipart\/form-data/);
  });

  it("answers errors as JSON with the status of their code", async () => {
    const response = uploadErrorResponse(await readUploadedFile(multipart(null), { maxBytes: 10, what: "cover image" }).catch((e: unknown) => e));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Choose the cover image to upload.", fieldErrors: { file: ["Choose the cover image to upload."] } });
  });
});
