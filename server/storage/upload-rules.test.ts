import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkUpload, contentDisposition, formatBytes, isAllowedAssignmentType, maxUploadBytes, safeFileName } from "./upload-rules";

const MB = 1024 * 1024;
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("maxUploadBytes", () => {
  it("is 25 MB by default and follows the configured megabytes", () => {
    expect(maxUploadBytes(25)).toBe(25 * MB);
    expect(maxUploadBytes(0.5)).toBe(MB / 2);
  });
});

describe("checkUpload", () => {
  it("accepts the listed document and image types as sent", () => {
    for (const type of ["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "application/zip", docx, "application/vnd.oasis.opendocument.text"]) {
      expect(checkUpload({ name: "work.bin", size: 10, type }).contentType).toBe(type);
    }
    expect(checkUpload({ name: "notes.md", size: 10, type: "text/markdown" }).contentType).toBe("text/markdown");
    expect(checkUpload({ name: "data.csv", size: 10, type: "text/csv; charset=utf-8" }).contentType).toBe("text/csv");
  });

  it("goes by the extension when the browser sends no type or a wrong one", () => {
    expect(checkUpload({ name: "README.md", size: 10, type: "" }).contentType).toBe("text/markdown");
    expect(checkUpload({ name: "essay.docx", size: 10, type: "application/octet-stream" }).contentType).toBe(docx);
    expect(checkUpload({ name: "code.zip", size: 10, type: "application/x-zip-compressed" }).contentType).toBe("application/zip");
    expect(checkUpload({ name: "grades.csv", size: 10, type: "application/vnd.ms-excel" }).contentType).toBe("text/csv");
    expect(checkUpload({ name: "Photo.JPG", size: 10, type: "" }).contentType).toBe("image/jpeg");
  });

  it("stores source code and other text as text/plain, so a browser never runs it", () => {
    expect(checkUpload({ name: "main.py", size: 10, type: "text/x-python" }).contentType).toBe("text/plain");
    expect(checkUpload({ name: "app.ts", size: 10, type: "video/mp2t" }).contentType).toBe("text/plain");
    expect(checkUpload({ name: "page.html", size: 10, type: "text/html" }).contentType).toBe("text/plain");
    expect(checkUpload({ name: "x.js", size: 10, type: "text/javascript" }).contentType).toBe("text/plain");
    expect(checkUpload({ name: "Makefile", size: 10, type: "" }).contentType).toBe("text/plain");
    expect(checkUpload({ name: "notes.weird", size: 10, type: "text/x-whatever" }).contentType).toBe("text/plain");
  });

  it("refuses other types and says what is accepted", () => {
    const exe = rejection(() => checkUpload({ name: "setup.exe", size: 10, type: "application/x-msdownload" }));
    expect(exe.code).toBe("invalid");
    expect(exe.message).toMatch(/"setup.exe" cannot be uploaded: files of type application\/x-msdownload are not accepted\. Upload PDF, .*pack other files into a ZIP/);
    expect(exe.fieldErrors?.file?.[0]).toBe(exe.message);
    expect(rejection(() => checkUpload({ name: "drawing.svg", size: 10, type: "image/svg+xml" })).message).toMatch(/image\/svg\+xml/);
    expect(rejection(() => checkUpload({ name: "a.rar", size: 10, type: "" })).message).toMatch(/\.rar files are not accepted/);
    expect(rejection(() => checkUpload({ name: "noext", size: 10, type: "" })).message).toMatch(/files without an extension/);
  });

  it("refuses empty and oversized files with the limit in the message", () => {
    expect(rejection(() => checkUpload({ name: "a.pdf", size: 0, type: "application/pdf" })).message).toMatch(/is empty/);
    const big = rejection(() => checkUpload({ name: "a.pdf", size: 30 * MB, type: "application/pdf" }, { maxBytes: 25 * MB }));
    expect(big.message).toBe('"a.pdf" is 30 MB; files may be at most 25 MB. Compress it (for example as a ZIP) or split it into smaller files.');
    expect(checkUpload({ name: "a.pdf", size: 25 * MB, type: "application/pdf" }, { maxBytes: 25 * MB }).size).toBe(25 * MB);
    expect(rejection(() => checkUpload({ name: "a.pdf", size: -1, type: "application/pdf" })).code).toBe("invalid");
  });

  it("returns a safe file name", () => {
    expect(checkUpload({ name: "C:\\Users\\ada\\My Essay.pdf", size: 1, type: "application/pdf" }).name).toBe("My Essay.pdf");
  });

  it("lists text/* and the documented types as allowed", () => {
    expect(isAllowedAssignmentType("Application/PDF; x=y")).toBe(true);
    expect(isAllowedAssignmentType("text/x-rust")).toBe(true);
    expect(isAllowedAssignmentType("application/x-sh")).toBe(false);
  });
});

describe("safeFileName", () => {
  it("keeps ordinary names, letters of any script included", () => {
    expect(safeFileName("Essay final (v2).pdf")).toBe("Essay final (v2).pdf");
    expect(safeFileName("Über café – ноты.md")).toBe("Über café – ноты.md");
  });

  it("drops folders, control and reserved characters, leading dots and bidi tricks", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("a\r\nContent-Type: x.txt")).toBe("a__Content-Type_ x.txt");
    expect(safeFileName('bad"name<>|?*.txt')).toBe("bad_name_____.txt");
    expect(safeFileName("...hidden")).toBe("hidden");
    expect(safeFileName("report\u202Efdp.exe")).toBe("report_fdp.exe");
    expect(safeFileName("")).toBe("file");
    expect(safeFileName(" .. ")).toBe("file");
  });

  it("shortens long names but keeps the extension", () => {
    const name = safeFileName(`${"a".repeat(300)}.docx`);
    expect(name).toHaveLength(150);
    expect(name.endsWith("a.docx")).toBe(true);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("Über café.pdf")).toBe(`attachment; filename="Uber cafe.pdf"; filename*=UTF-8''%C3%9Cber%20caf%C3%A9.pdf`);
    expect(contentDisposition("notes (1).txt", "inline")).toBe(`inline; filename="notes (1).txt"; filename*=UTF-8''notes%20%281%29.txt`);
    expect(contentDisposition('x";\r\nSet-Cookie: a=b')).not.toMatch(/[\r\n]/);
  });
});

describe("formatBytes", () => {
  it("rounds to a readable unit", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("2 KB");
    expect(formatBytes(1.5 * MB)).toBe("1.5 MB");
  });
});
