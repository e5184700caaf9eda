import { AppError } from "@/lib/errors";
import { env } from "../env";

/**
 * Rules for what may be stored and under which key. Pure apart from reading
 * MAX_UPLOAD_MB, so an upload route can check a file before reading its bytes.
 */

export const MAX_KEY_LENGTH = 512;
/**
 * Each key segment becomes a file name in the local store, next to a
 * `.<name>.meta.json` sidecar and a `.<name>.<uuid>.tmp` temp file; 200 keeps
 * those under the 255-byte name limit of common file systems.
 */
export const MAX_KEY_SEGMENT_LENGTH = 200;

/**
 * Throws AppError "invalid" unless `key` is a storage key: segments of
 * A-Z a-z 0-9 _ . - joined by "/", none empty or starting with a dot, no "..",
 * at most 512 characters. Such a key maps to the same path under the local
 * folder and in a bucket, cannot leave the folder, and cannot collide with the
 * local store's dot-prefixed sidecar and temp files. WHATWG URL parsing (fetch)
 * would also rewrite "." segments, breaking the request signature.
 */
export function assertStorageKey(key: string): void {
  const problem = storageKeyProblem(key);
  if (problem) {
    const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
    throw new AppError("invalid", `Storage key "${shown}" is not allowed: ${problem}.`);
  }
}

function storageKeyProblem(key: string): string | undefined {
  if (typeof key !== "string" || key.length === 0) return "it is empty";
  if (key.length > MAX_KEY_LENGTH) return `it is longer than ${MAX_KEY_LENGTH} characters`;
  if (!/^[A-Za-z0-9/_.-]+$/.test(key)) return "use only letters A-Z a-z, digits, '/', '_', '.' and '-'";
  if (key.includes("..")) return "it may not contain '..'";
  if (key.startsWith("/")) return "it may not start with '/'";
  if (key.endsWith("/")) return "it may not end with '/'";
  for (const segment of key.split("/")) {
    if (segment === "") return "it may not contain '//'";
    if (segment.startsWith(".")) return "no part between slashes may start with '.'";
    if (segment.length > MAX_KEY_SEGMENT_LENGTH) return `no part between slashes may be longer than ${MAX_KEY_SEGMENT_LENGTH} characters`;
  }
  return undefined;
}

/**
 * Throws AppError "invalid" unless `contentType` can be sent as an HTTP header
 * value: a CR or LF would otherwise split the S3 request's headers.
 */
export function assertContentType(contentType: string): void {
  if (typeof contentType !== "string" || !/^[\x20-\x7e]{1,255}$/.test(contentType) || !contentType.includes("/")) {
    throw new AppError("invalid", `Content type "${String(contentType).slice(0, 80)}" is not a valid MIME type such as "application/pdf".`);
  }
}

/** Largest accepted upload in bytes: MAX_UPLOAD_MB (default 25) megabytes. */
export function maxUploadBytes(megabytes: number = env().MAX_UPLOAD_MB): number {
  return Math.floor(megabytes * 1024 * 1024);
}

const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const odt = "application/vnd.oasis.opendocument.text";

/** Content types accepted for assignment uploads, besides text/* (see isAllowedAssignmentType). */
export const assignmentContentTypes: readonly string[] = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/markdown",
  "text/csv",
  "application/zip",
  docx,
  xlsx,
  pptx,
  odt,
];

/**
 * Browsers report no type or a wrong one for many files (Markdown and most
 * source code arrive as "" or application/octet-stream, `.ts` as video/mp2t,
 * `.zip` on Windows as application/x-zip-compressed, `.csv` as
 * application/vnd.ms-excel), so the extension decides for these.
 */
const typeByExtension: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  txt: "text/plain",
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  zip: "application/zip",
  docx,
  xlsx,
  pptx,
  odt,
};

/** Source and data files students hand in; stored as text/plain so they are never run by a browser. */
const sourceExtensions = new Set(
  (
    "c h cc cpp cxx hpp hh cs java kt kts scala go rs swift m mm py pyw ipynb rb php pl pm lua r jl dart " +
    "js mjs cjs jsx ts tsx mts cts vue svelte css scss sass less html htm xml json jsonc yaml yml toml ini cfg conf " +
    "sql sh bash zsh fish ps1 bat cmd hs elm ex exs erl clj cljs ml mli fs fsx v sv vhd asm s tex bib rst adoc " +
    "log tsv diff patch gradle cmake mk gitignore"
  ).split(" "),
);

/** Source files named without an extension. */
const sourceFileNames = new Set(["makefile", "dockerfile", "gemfile", "rakefile", "procfile", "license", "readme"]);

const acceptedSummary = "PDF, PNG, JPEG, GIF, WebP, plain text, Markdown, CSV, ZIP, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument text (.odt) or source code";

/** The lower-case type without parameters: "Text/Plain; charset=UTF-8" -> "text/plain". */
function baseType(type: string): string {
  return (type.split(";")[0] ?? "").trim().toLowerCase();
}

/** "Report.PDF" -> "pdf"; "" when the name has no extension. */
function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot >= 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function isSourceFile(name: string): boolean {
  const extension = extensionOf(name);
  if (extension) return sourceExtensions.has(extension);
  return sourceFileNames.has((name.split(/[\\/]/).pop() ?? "").toLowerCase());
}

/** Whether an assignment may be uploaded with this content type (parameters ignored). */
export function isAllowedAssignmentType(type: string): boolean {
  const t = baseType(type);
  return assignmentContentTypes.includes(t) || /^text\/[a-z0-9.+-]+$/.test(t);
}

/**
 * Text other than Markdown and CSV is stored as text/plain: a stored
 * text/html or text/javascript served from our origin could run as a page or
 * pass a `script-src 'self'` policy.
 */
function storedType(type: string): string {
  return type.startsWith("text/") && type !== "text/markdown" && type !== "text/csv" ? "text/plain" : type;
}

export interface UploadCandidate {
  /** The file name the browser sent (File.name). */
  name: string;
  /** Size in bytes (File.size). */
  size: number;
  /** The content type the browser sent (File.type), often "" for source code. */
  type: string;
}

export interface CheckedUpload {
  /** A file name safe to store and to put in Content-Disposition. */
  name: string;
  /** The content type to store the file with (lower case, no parameters). */
  contentType: string;
  size: number;
}

/**
 * Checks an assignment upload before it is stored: not empty, within
 * maxUploadBytes, and of an accepted type. Throws AppError "invalid" saying
 * what to change. Returns the file name and content type to store, which may
 * differ from what the browser sent (see typeByExtension).
 */
export function checkUpload(file: UploadCandidate, options: { maxBytes?: number } = {}): CheckedUpload {
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const name = safeFileName(file.name);
  const fieldErrors = (message: string) => ({ fieldErrors: { file: [message] } });

  if (!Number.isSafeInteger(file.size) || file.size < 0) {
    throw new AppError("invalid", `"${name}" has no valid size. Choose the file again.`, fieldErrors("Choose the file again."));
  }
  if (file.size === 0) {
    const message = `"${name}" is empty (0 bytes). Check that you picked the right file and that it was saved.`;
    throw new AppError("invalid", message, fieldErrors(message));
  }
  if (file.size > maxBytes) {
    const message = `"${name}" is ${formatBytes(file.size)}; files may be at most ${formatBytes(maxBytes)}. Compress it (for example as a ZIP) or split it into smaller files.`;
    throw new AppError("invalid", message, fieldErrors(message));
  }

  const declared = baseType(file.type ?? "");
  const extension = extensionOf(file.name);
  let contentType: string | undefined;
  if (isSourceFile(file.name)) contentType = "text/plain";
  else if (declared && isAllowedAssignmentType(declared)) contentType = storedType(declared);
  else contentType = typeByExtension[extension];

  if (!contentType) {
    const what =
      declared && declared !== "application/octet-stream"
        ? `files of type ${declared}`
        : extension
          ? `.${extension} files`
          : "files without an extension";
    const message = `"${name}" cannot be uploaded: ${what} are not accepted. Upload ${acceptedSummary}; pack other files into a ZIP.`;
    throw new AppError("invalid", message, fieldErrors(message));
  }
  return { name, contentType, size: file.size };
}

/** "25 MB", "1.5 MB", "300 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const MAX_FILE_NAME_LENGTH = 150;

/**
 * A file name that is safe to show, to store and to put in a
 * Content-Disposition header: the last path part only (browsers on Windows
 * sent full paths), no control characters, quotes or characters Windows
 * forbids, no leading dots (hidden files) and at most 150 characters with the
 * extension kept. Non-ASCII letters stay (contentDisposition encodes them).
 */
export function safeFileName(name: string): string {
  const last = String(name ?? "").split(/[\\/]/).pop() ?? "";
  let cleaned = Array.from(last.normalize("NFC"), (c) => (isUnsafeNameChar(c) ? "_" : c))
    .join("")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (cleaned.length > MAX_FILE_NAME_LENGTH) {
    const dot = cleaned.lastIndexOf(".");
    const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : "";
    cleaned = Array.from(cleaned.slice(0, cleaned.length - extension.length)).slice(0, MAX_FILE_NAME_LENGTH - extension.length).join("").trimEnd() + extension;
  }
  return cleaned === "" ? "file" : cleaned;
}

/** Windows-reserved characters, and quote/semicolon/percent that header parsers read specially. */
const reservedNameChars = new Set([..."<>:\"|?*;%"]);

/**
 * Control characters, and bidi controls that disguise a name ("cod.exe"
 * shown as "exe.doc"), besides reservedNameChars.
 */
function isUnsafeNameChar(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    reservedNameChars.has(c)
  );
}

/**
 * A Content-Disposition header value for downloading a stored file under its
 * original name: an ASCII `filename` for old clients and the exact name as
 * RFC 5987 `filename*` (UTF-8).
 */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  const safe = safeFileName(name);
  const ascii = safe.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
