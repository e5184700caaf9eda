import path from "node:path";
import { env, type Env } from "../env";
import { LocalFileStorage } from "./local";
import { S3FileStorage } from "./s3";

/**
 * Where assignment uploads and course images are kept: an S3-compatible
 * bucket when S3_BUCKET is set, else a local folder. Callers build keys such
 * as `assignments/<cohortId>/<userId>/<uuid>`; keys are checked by
 * assertStorageKey (upload-rules.ts) so they map to the same place in both.
 */

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface FileStorage {
  /** Stores `bytes` under `key`, replacing what was there. Throws AppError "invalid" for a bad key or content type. */
  put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void>;
  /** The stored file, or null when there is none under `key`. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  /** Where files go, for logs and the admin status page; never includes secrets. */
  describe(): string;
}

export type StorageEnv = Pick<
  Env,
  "S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE" | "FILE_STORAGE_DIR"
>;

/** The store the environment asks for; `cwd` anchors the local folder (default `<cwd>/.data/uploads`). */
export function createStorage(e: StorageEnv, cwd: string = process.cwd()): FileStorage {
  if (e.S3_BUCKET) {
    const missing = [!e.S3_ACCESS_KEY_ID && "S3_ACCESS_KEY_ID", !e.S3_SECRET_ACCESS_KEY && "S3_SECRET_ACCESS_KEY"].filter(Boolean);
    if (missing.length > 0 || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) {
      throw new Error(`S3_BUCKET is set but ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not. Set both keys, or unset S3_BUCKET to keep files in a local folder (see .env.example).`);
    }
    return new S3FileStorage({
      bucket: e.S3_BUCKET,
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalFileStorage(path.resolve(cwd, e.FILE_STORAGE_DIR ?? path.join(".data", "uploads")));
}

let cached: FileStorage | undefined;

/** The process's file store, chosen from the environment at first use. */
export function storage(): FileStorage {
  cached ??= createStorage(env());
  return cached;
}

export { LocalFileStorage } from "./local";
export { S3FileStorage, S3StorageError, signRequest, type S3StorageOptions } from "./s3";
export {
  assertContentType,
  assertStorageKey,
  assignmentContentTypes,
  checkUpload,
  contentDisposition,
  formatBytes,
  isAllowedAssignmentType,
  maxUploadBytes,
  safeFileName,
  type CheckedUpload,
  type UploadCandidate,
} from "./upload-rules";
