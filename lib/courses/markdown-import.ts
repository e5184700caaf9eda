import { unzipSync, type UnzipFileInfo } from "fflate";
import { AppError } from "../errors";
import { inlineMarkdownToText, splitFrontMatter } from "./markdown";

/**
 * Turns a zip of Markdown files into a course outline:
 *
 *   01-intro/01-welcome.md      module "Intro", lesson from the file
 *   01-intro/img/diagram.png    an image, referenced as img/diagram.png
 *   02-basics/...               module "Basics"
 *   notes.md                    a lesson in the module "Lessons"
 *
 * A zip made by compressing the course folder itself ("my-course/01-intro/...")
 * is read from inside that folder.
 *
 * Nothing is written anywhere: the caller stores the images, rewrites the
 * references listed per lesson to the stored URLs and creates the lessons.
 * SVG images are returned like any other; serve them with a sandboxing
 * Content-Security-Policy or as attachments, since an SVG opened directly
 * can run script on the app's origin.
 */

export interface MarkdownImportLimits {
  /** Sum of the uncompressed sizes of every entry. */
  maxTotalBytes: number;
  maxLessons: number;
  maxLessonBytes: number;
  maxEntries: number;
}

export const markdownImportLimits: MarkdownImportLimits = {
  maxTotalBytes: 20 * 1024 * 1024,
  maxLessons: 200,
  maxLessonBytes: 200 * 1024,
  maxEntries: 10_000,
};

export interface ImportedImage {
  /** The image's path in the archive, as `resolvedPath` refers to it. */
  path: string;
  bytes: Uint8Array;
  contentType: string;
}

export interface LessonImageReference {
  /** The URL exactly as written in the lesson's Markdown. */
  original: string;
  /** The `path` of the image in `MarkdownImport.images`. */
  resolvedPath: string;
}

export interface ImportedLesson {
  title: string;
  /** The lesson body: no front matter, no title heading, "\n" line endings. */
  markdown: string;
  /** The lesson's path in the archive. */
  sourcePath: string;
  images: LessonImageReference[];
}

export interface ImportedModule {
  title: string;
  lessons: ImportedLesson[];
}

export interface MarkdownImport {
  modules: ImportedModule[];
  images: ImportedImage[];
  /** Things the author may want to fix; the import itself went through. */
  warnings: string[];
}

export const ROOT_MODULE_TITLE = "Lessons";

const MARKDOWN_EXTENSION = /\.(?:md|markdown)$/i;

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

// Clutter operating systems add to folders; skipped without a warning.
const SYSTEM_FILES = new Set(["thumbs.db", "desktop.ini"]);

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function comparePaths(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareNames(a[i] ?? "", b[i] ?? "");
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

// "01-intro", "1. Intro", "2) Setup", "01 - Intro", "1.2 Topic"; not "3d-printing".
const ORDER_PREFIX = /^\s*\d+(?:\.\d+)*(?:\s*[-_.)]\s*|\s+)(?=\S)/;

/** A folder or file name as a title: order prefix and Markdown extension removed, slug-style names spelled out. */
export function titleFromName(name: string): string {
  const base = name.replace(MARKDOWN_EXTENSION, "");
  const stripped = base.replace(ORDER_PREFIX, "").trim() || base.trim();
  if (/\s/.test(stripped)) return stripped.replace(/\s+/g, " ");
  const words = stripped.replace(/[-_]+/g, " ").trim() || stripped;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fail(message: string): never {
  throw new AppError("invalid", message);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

function listSome(items: string[], max = 5): string {
  const shown = items.slice(0, max).map((item) => `“${item}”`);
  return items.length > max ? `${shown.join(", ")} and ${items.length - max} more` : shown.join(", ");
}

/** Archive paths as segments, or null for one that could escape the folder it is unpacked into. */
function pathSegments(name: string): string[] | null {
  const path = name.replace(/\\/g, "/");
  if (path.includes("\u0000") || path.startsWith("/") || /^[a-z]:/i.test(path)) return null;
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.some((segment) => segment === "..")) return null;
  return segments;
}

function isZip(bytes: Uint8Array): boolean {
  // Local file header, or the end-of-directory record of an empty archive.
  return bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

interface Entry {
  /** The name as stored, the key unzipSync returns data under. */
  rawName: string;
  /** Normalised path: "/" separators, NFC (macOS zips file names decomposed). */
  path: string;
  segments: string[];
  info: UnzipFileInfo;
  kind: "markdown" | "image";
}

function readEntries(zip: Uint8Array): UnzipFileInfo[] {
  const infos: UnzipFileInfo[] = [];
  try {
    // Returning false lists the central directory without inflating anything.
    unzipSync(zip, {
      filter: (info) => {
        infos.push(info);
        return false;
      },
    });
  } catch {
    fail("The zip archive could not be read: it may be damaged or incomplete. Create it again and upload it once more.");
  }
  return infos;
}

function decodeText(bytes: Uint8Array, path: string, warnings: string[]): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    warnings.push(`“${path}” is not saved as UTF-8; it was read as Western European (Windows-1252). Check its accented letters and symbols.`);
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

const ATX_H1 = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;

/** The lesson's opening level-1 heading, if the lesson starts with one, and the body without it. */
function takeOpeningHeading(body: string): { title: string; rest: string } | null {
  const lines = body.split("\n");
  let first = 0;
  while (first < lines.length && (lines[first] ?? "").trim() === "") first++;
  const line = lines[first] ?? "";
  let title: string | null = null;
  let after = first + 1;
  const atx = ATX_H1.exec(line);
  if (atx) {
    title = inlineMarkdownToText(atx[1] ?? "");
  } else if (line.trim() !== "" && !/^ {0,3}[>#`~|<-]/.test(line) && SETEXT_H1.test(lines[first + 1] ?? "")) {
    title = inlineMarkdownToText(line);
    after = first + 2;
  }
  if (title === null || title === "") return null;
  while (after < lines.length && (lines[after] ?? "").trim() === "") after++;
  return { title, rest: lines.slice(after).join("\n") };
}

function referenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Image URLs written in the lesson (inline images and the definitions image references use), code excluded. */
function imageUrls(markdown: string): string[] {
  const prose = markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|(?![\s\S]))|(?![\s\S]))/gm, "")
    .replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, "");
  const urls: string[] = [];
  const inline = /!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^()\s]*\))+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
  for (const match of prose.matchAll(inline)) if (match[1]) urls.push(match[1]);

  // ![alt][label], ![label][] and ![label] use a "[label]: url" definition;
  // other definitions are links (or footnotes) and are none of our business.
  const definitions = new Map<string, string>();
  for (const match of prose.matchAll(/^ {0,3}(?:> ?)*\[([^\]^][^\]]*)\]:[ \t]*(<[^>\n]*>|\S+)/gm)) {
    const label = referenceLabel(match[1] ?? "");
    if (match[2] && !definitions.has(label)) definitions.set(label, match[2]);
  }
  for (const match of prose.matchAll(/!\[([^\]]*)\](?:\[([^\]]*)\]|(?!\())/g)) {
    const url = definitions.get(referenceLabel(match[2] || match[1] || ""));
    if (url) urls.push(url);
  }
  return urls;
}

/** An archive path for a URL relative to the lesson, or null when it is not a relative path. */
function resolveRelative(lessonSegments: string[], url: string): { segments: string[] } | { escapes: true } | null {
  let target = url.startsWith("<") && url.endsWith(">") ? url.slice(1, -1) : url;
  if (target === "" || target.startsWith("/") || target.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(target)) return null;
  target = target.replace(/[?#].*$/, "");
  try {
    target = decodeURIComponent(target);
  } catch {
    // A stray "%" is part of the file name.
  }
  const segments = lessonSegments.slice(0, -1);
  for (const part of target.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (segments.length === 0) return { escapes: true };
      segments.pop();
    } else segments.push(part);
  }
  return { segments };
}

export function importMarkdownZip(zip: Uint8Array, limits: Partial<MarkdownImportLimits> = {}): MarkdownImport {
  const limit = { ...markdownImportLimits, ...limits };
  if (!isZip(zip)) fail("This file is not a zip archive. Upload a .zip file with your Markdown lessons, one folder per module.");

  const infos = readEntries(zip);
  if (infos.length > limit.maxEntries) {
    fail(`The archive holds ${infos.length} files; an import may hold at most ${limit.maxEntries}. Remove files the course does not need.`);
  }

  // Every check uses the sizes the archive declares, before anything is
  // inflated: fflate inflates each file into a buffer of its declared size
  // and never grows it, so a file that lies about its size cannot use more.
  let declaredTotal = 0;
  const entries: Entry[] = [];
  const skipped: string[] = [];
  for (const info of infos) {
    const segments = pathSegments(info.name);
    if (!segments) {
      fail(`The archive contains a file path that points outside it (“${info.name}”). Create the zip again from the course folder; paths may not start with “/” or contain “..”.`);
    }
    declaredTotal += info.originalSize;
    const path = segments.join("/").normalize("NFC");
    const fileName = segments[segments.length - 1];
    const isFolder = info.name.endsWith("/") || info.name.endsWith("\\");
    if (!fileName || isFolder) continue;
    if (segments[0] === "__MACOSX" || segments.some((segment) => segment.startsWith("."))) continue;
    if (SYSTEM_FILES.has(fileName.toLowerCase())) continue;

    const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
    const kind = MARKDOWN_EXTENSION.test(fileName) ? "markdown" : IMAGE_TYPES[extension] ? "image" : null;
    if (!kind) {
      skipped.push(path);
      continue;
    }
    if (info.compression !== 0 && info.compression !== 8) {
      fail(`“${path}” is compressed with a method this importer cannot read. Create the zip again with standard (Deflate) compression.`);
    }
    entries.push({ rawName: info.name, path, segments: path.split("/"), info, kind });
  }

  if (declaredTotal > limit.maxTotalBytes) {
    fail(`The archive unpacks to ${formatBytes(declaredTotal)}, more than the ${formatBytes(limit.maxTotalBytes)} limit. Remove large files such as videos or PDFs, or split the course into several archives.`);
  }

  const lessonEntries = entries.filter((entry) => entry.kind === "markdown");
  if (lessonEntries.length === 0) {
    fail("The archive contains no Markdown lessons. Put each lesson in a .md file, with one folder per module.");
  }
  if (lessonEntries.length > limit.maxLessons) {
    fail(`The archive contains ${lessonEntries.length} lessons; an import may have at most ${limit.maxLessons}. Split the course into several archives.`);
  }
  const tooBig = (entry: Entry, size: number) =>
    fail(`The lesson “${entry.path}” is ${formatBytes(size)}; a lesson may be at most ${formatBytes(limit.maxLessonBytes)}. Split it into smaller lessons.`);
  for (const entry of lessonEntries) {
    if (entry.info.originalSize > limit.maxLessonBytes) tooBig(entry, entry.info.originalSize);
  }

  const wanted = new Set(entries.map((entry) => entry.rawName));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (info) => wanted.has(info.name) });
  } catch {
    fail("The zip archive could not be unpacked: it may be damaged or use encryption. Create it again without a password and upload it once more.");
  }

  // Stored (uncompressed) entries are copied by their compressed size, which
  // may differ from the declared one: check what actually came out too.
  let actualTotal = 0;
  for (const entry of entries) {
    const bytes = files[entry.rawName];
    actualTotal += bytes?.length ?? 0;
    if (entry.kind === "markdown" && bytes && bytes.length > limit.maxLessonBytes) tooBig(entry, bytes.length);
  }
  if (actualTotal > limit.maxTotalBytes) {
    fail(`The archive unpacks to ${formatBytes(actualTotal)}, more than the ${formatBytes(limit.maxTotalBytes)} limit. Remove large files such as videos or PDFs, or split the course into several archives.`);
  }

  const warnings: string[] = [];
  const images: ImportedImage[] = entries
    .filter((entry) => entry.kind === "image")
    .sort((a, b) => comparePaths(a.segments, b.segments))
    .map((entry) => ({
      path: entry.path,
      bytes: files[entry.rawName] ?? new Uint8Array(0),
      contentType: IMAGE_TYPES[/\.([a-z0-9]+)$/i.exec(entry.path)?.[1]?.toLowerCase() ?? ""] ?? "application/octet-stream",
    }));
  const imagesByPath = new Map(images.map((image) => [image.path, image]));
  const imagesByLowerPath = new Map(images.map((image) => [image.path.toLowerCase(), image]));

  // A zip of the course folder wraps everything in that folder: look inside it
  // when every lesson is in it and some lessons are in folders below it. When
  // all lessons sit directly in one folder, that folder is the one module.
  const firstFolders = new Set(lessonEntries.map((entry) => (entry.segments.length > 1 ? entry.segments[0] : "")));
  const wrapped =
    firstFolders.size === 1 && !firstFolders.has("") && lessonEntries.some((entry) => entry.segments.length > 2);
  const depth = wrapped ? 1 : 0;

  const modules = new Map<string, { folder: string | null; entries: Entry[] }>();
  const nested: string[] = [];
  for (const entry of lessonEntries) {
    const relative = entry.segments.slice(depth);
    const folder = relative.length > 1 ? (relative[0] ?? null) : null;
    if (relative.length > 2) nested.push(entry.path);
    const key = folder ?? "";
    const group = modules.get(key) ?? { folder, entries: [] };
    group.entries.push(entry);
    modules.set(key, group);
  }

  const ordered = [...modules.values()].sort((a, b) =>
    a.folder === null ? -1 : b.folder === null ? 1 : compareNames(a.folder, b.folder),
  );

  const result: ImportedModule[] = ordered.map((group) => ({
    title: group.folder === null ? ROOT_MODULE_TITLE : titleFromName(group.folder),
    lessons: group.entries
      .sort((a, b) => comparePaths(a.segments, b.segments))
      .map((entry) => {
        const text = decodeText(files[entry.rawName] ?? new Uint8Array(0), entry.path, warnings);
        const { data, body } = splitFrontMatter(text);
        const fileTitle = titleFromName(entry.segments[entry.segments.length - 1] ?? entry.path);
        const frontTitle = data.title?.trim() ?? "";
        const opening = takeOpeningHeading(body);

        let title: string;
        let markdown = body;
        if (frontTitle !== "") {
          title = frontTitle;
          // The same title as the opening heading would show twice on the lesson page.
          if (opening && opening.title.toLowerCase() === frontTitle.toLowerCase()) markdown = opening.rest;
        } else if (opening) {
          title = opening.title;
          markdown = opening.rest;
        } else {
          title = fileTitle;
        }
        markdown = markdown.replace(/^\s*\n/, "").replace(/\s+$/, "");
        if (markdown === "") warnings.push(`“${entry.path}” has no content besides its title.`);

        const references: LessonImageReference[] = [];
        const seen = new Set<string>();
        for (const original of imageUrls(markdown)) {
          if (seen.has(original)) continue;
          seen.add(original);
          const resolved = resolveRelative(entry.segments, original);
          if (resolved === null) continue;
          if ("escapes" in resolved) {
            warnings.push(`“${entry.path}” refers to the image “${original}”, which is outside the archive; the link was left as it is.`);
            continue;
          }
          const target = resolved.segments.join("/").normalize("NFC");
          // Authors on case-insensitive file systems often get the case wrong.
          const image = imagesByPath.get(target) ?? imagesByLowerPath.get(target.toLowerCase());
          if (image) references.push({ original, resolvedPath: image.path });
          else warnings.push(`“${entry.path}” refers to the image “${original}”, which is not in the archive. Add the image or fix the path.`);
        }

        return { title, markdown, sourcePath: entry.path, images: references };
      }),
  }));

  if (nested.length > 0) {
    warnings.push(`Lessons in sub-folders were added to the module of their top folder: ${listSome(nested)}.`);
  }
  if (skipped.length > 0) {
    warnings.push(`Skipped ${skipped.length} ${skipped.length === 1 ? "file that is" : "files that are"} neither Markdown nor an image: ${listSome(skipped)}.`);
  }

  return { modules: result, images, warnings };
}
