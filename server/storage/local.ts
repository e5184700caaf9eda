import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { FileStorage, StoredFile } from "./index";
import { assertContentType, assertStorageKey } from "./upload-rules";

interface Meta {
  contentType: string;
}

const FALLBACK_CONTENT_TYPE = "application/octet-stream";

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/**
 * Files in a folder on this machine: the object at key `a/b/c` is the file
 * `<root>/a/b/c`, its content type in `<root>/a/b/.c.meta.json`. Keys cannot
 * start a segment with a dot, so sidecars and temp files never collide with
 * objects. For one server or development; several app servers need S3.
 */
export class LocalFileStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  describe(): string {
    return `local folder ${this.root}`;
  }

  async put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void> {
    const { file, meta, dir } = this.paths(key);
    assertContentType(options.contentType);
    try {
      await mkdir(dir, { recursive: true });
      // Meta before data: an object exists once its data file does, so a
      // crash in between leaves an orphan sidecar rather than an object
      // without its content type.
      await writeAtomically(meta, new TextEncoder().encode(JSON.stringify({ contentType: options.contentType } satisfies Meta)));
      await writeAtomically(file, bytes);
    } catch (error) {
      const code = errorCode(error);
      // S3 allows both "a/b" and "a/b/c"; a folder cannot, so one of them is refused here.
      if (code === "ENOTDIR" || code === "EISDIR" || code === "EEXIST") {
        throw new AppError("conflict", `Cannot store "${key}": a file and a folder in ${this.root} would need the same name. Use keys that are not prefixes of each other.`);
      }
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const { file, meta } = this.paths(key);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
      throw error;
    }
    return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), contentType: await readContentType(meta) };
  }

  async delete(key: string): Promise<void> {
    const { file, meta } = this.paths(key);
    try {
      // Data first, for the same reason put writes it last.
      await rm(file, { force: true });
      await rm(meta, { force: true });
    } catch (error) {
      const code = errorCode(error);
      // A key that names a folder ("a/b" when "a/b/c" exists) is no object: nothing to delete, as in S3.
      if (code === "ENOTDIR" || code === "EISDIR" || code === "ERR_FS_EISDIR") return;
      throw error;
    }
  }

  private paths(key: string): { file: string; meta: string; dir: string } {
    assertStorageKey(key);
    const file = path.resolve(this.root, ...key.split("/"));
    // assertStorageKey already rules out escapes; this guards against a future change to it.
    const relative = path.relative(this.root, file);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new AppError("invalid", `Storage key "${key}" points outside the storage folder.`);
    }
    const dir = path.dirname(file);
    return { file, dir, meta: path.join(dir, `.${path.basename(file)}.meta.json`) };
  }
}

async function readContentType(metaPath: string): Promise<string> {
  try {
    const parsed: unknown = JSON.parse(await readFile(metaPath, "utf8"));
    if (parsed && typeof parsed === "object" && "contentType" in parsed && typeof parsed.contentType === "string") {
      return parsed.contentType;
    }
  } catch (error) {
    if (errorCode(error) !== "ENOENT" && !(error instanceof SyntaxError)) throw error;
  }
  // Files copied into the folder by hand have no sidecar; they are still served.
  return FALLBACK_CONTENT_TYPE;
}

/**
 * Writes a temp file beside the target and renames it over the target:
 * readers see the old or the new content, never half a file. The temp name
 * starts with a dot, which no key segment may, and is unique per write so
 * concurrent puts of one key do not share it.
 */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const handle = await open(temp, "wx");
  try {
    try {
      await handle.writeFile(bytes);
      // Without it a power cut after the rename can leave an empty file under the new name.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
