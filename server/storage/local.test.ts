import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { createStorage } from "./index";
import { LocalFileStorage } from "./local";
import { S3FileStorage } from "./s3";

let dir: string;
let store: LocalFileStorage;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lyceum-storage-"));
  store = new LocalFileStorage(path.join(dir, "uploads"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** Every file under `root`, relative, sorted. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  const files: string[] = [];
  for (const entry of entries) if ((await stat(path.join(root, entry))).isFile()) files.push(entry);
  return files.sort();
}

describe("LocalFileStorage", () => {
  it("stores, reads back and deletes a file with its content type, creating folders", async () => {
    const key = "assignments/cohort-1/user_1/5f0c2d7e-1a2b.pdf";
    await store.put(key, bytes("%PDF-1.7 hello"), { contentType: "application/pdf" });

    const got = await store.get(key);
    expect(got).not.toBeNull();
    expect(got?.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode(got?.bytes)).toBe("%PDF-1.7 hello");
    expect(got?.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(got?.bytes)).toBe(false);

    // The data file sits at the key's path; the content type in a hidden sidecar; no temp files left.
    const root = path.join(dir, "uploads");
    expect(await filesUnder(root)).toEqual([
      path.join("assignments", "cohort-1", "user_1", ".5f0c2d7e-1a2b.pdf.meta.json"),
      path.join("assignments", "cohort-1", "user_1", "5f0c2d7e-1a2b.pdf"),
    ]);
    const meta: unknown = JSON.parse(await readFile(path.join(root, "assignments/cohort-1/user_1/.5f0c2d7e-1a2b.pdf.meta.json"), "utf8"));
    expect(meta).toEqual({ contentType: "application/pdf" });

    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await filesUnder(root)).toEqual([]);
  });

  it("returns null for a missing key and deletes missing keys quietly", async () => {
    expect(await store.get("nothing/here")).toBeNull();
    await expect(store.delete("nothing/here")).resolves.toBeUndefined();
  });

  it("replaces a file and its content type", async () => {
    await store.put("courses/c1/cover", bytes("png-bytes"), { contentType: "image/png" });
    await store.put("courses/c1/cover", bytes("webp-bytes!"), { contentType: "image/webp" });
    const got = await store.get("courses/c1/cover");
    expect(got?.contentType).toBe("image/webp");
    expect(new TextDecoder().decode(got?.bytes)).toBe("webp-bytes!");
  });

  it("keeps every byte of binary and empty files", async () => {
    const all = new Uint8Array(256).map((_, i) => i);
    await store.put("bin/all", all, { contentType: "application/octet-stream" });
    expect((await store.get("bin/all"))?.bytes).toEqual(all);
    // A view into a larger buffer: only the viewed bytes are written.
    const view = new Uint8Array(all.buffer, 10, 5);
    await store.put("bin/view", view, { contentType: "application/octet-stream" });
    expect(Array.from((await store.get("bin/view"))?.bytes ?? [])).toEqual([10, 11, 12, 13, 14]);
    await store.put("bin/empty", new Uint8Array(0), { contentType: "text/plain" });
    expect((await store.get("bin/empty"))?.bytes).toHaveLength(0);
  });

  it("ends with one whole file when the same key is written concurrently", async () => {
    const writes = Array.from({ length: 20 }, (_, i) => store.put("race/key", bytes(`version-${i}-`.repeat(2000)), { contentType: `text/x-v${i}` }));
    await Promise.all(writes);
    const got = await store.get("race/key");
    const text = new TextDecoder().decode(got?.bytes);
    const match = /^version-(\d+)-/.exec(text);
    expect(match).not.toBeNull();
    expect(text).toBe(`version-${match?.[1]}-`.repeat(2000));
    expect(await filesUnder(path.join(dir, "uploads", "race"))).toEqual([".key.meta.json", "key"]);
  });

  it("serves a file put in the folder by hand, as application/octet-stream", async () => {
    await mkdir(path.join(dir, "uploads", "manual"), { recursive: true });
    await writeFile(path.join(dir, "uploads", "manual", "notes"), "hi");
    expect(await store.get("manual/notes")).toEqual({ bytes: bytes("hi"), contentType: "application/octet-stream" });
  });

  it("rejects keys that could leave the folder or clash with its own files", async () => {
    const bad = [
      "",
      "/etc/passwd",
      "../secret",
      "a/../../secret",
      "a/..",
      "a/./b",
      "a//b",
      "a/",
      ".hidden",
      "a/.b.meta.json",
      "a\\b",
      "a b",
      "a:b",
      "ключ",
      "a%2e%2e/b",
      "x".repeat(513),
      `a/${"y".repeat(201)}`,
      "file..txt",
    ];
    for (const key of bad) {
      await expect(store.put(key, bytes("x"), { contentType: "text/plain" }), key).rejects.toMatchObject({ code: "invalid" });
      await expect(store.get(key), key).rejects.toMatchObject({ code: "invalid" });
      await expect(store.delete(key), key).rejects.toMatchObject({ code: "invalid" });
    }
    expect(await readdir(dir)).toEqual([]);
    await expect(store.put("ok", bytes("x"), { contentType: "text/plain" })).resolves.toBeUndefined();
    await expect(store.put(`a/${"z".repeat(200)}`, bytes("x"), { contentType: "text/plain" })).resolves.toBeUndefined();
  });

  it("says which part of a key is wrong", async () => {
    await expect(store.get("a/../b")).rejects.toThrow(/Storage key "a\/..\/b" is not allowed: it may not contain '..'/);
    await expect(store.get("a b")).rejects.toThrow(/use only letters/);
  });

  it("rejects a content type that is not a header value", async () => {
    await expect(store.put("a", bytes("x"), { contentType: "text/plain\nX: y" })).rejects.toMatchObject({ code: "invalid" });
    await expect(store.put("a", bytes("x"), { contentType: "" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses a key whose folder is a file, instead of failing obscurely", async () => {
    await store.put("a/b", bytes("x"), { contentType: "text/plain" });
    await expect(store.put("a/b/c", bytes("y"), { contentType: "text/plain" })).rejects.toMatchObject({ code: "conflict" });
    await expect(store.put("a", bytes("y"), { contentType: "text/plain" })).rejects.toMatchObject({ code: "conflict" });
    expect(await store.get("a/b/c")).toBeNull();
    expect(await store.get("a")).toBeNull();
    await expect(store.delete("a")).resolves.toBeUndefined();
    expect(new TextDecoder().decode((await store.get("a/b"))?.bytes)).toBe("x");
  });

  it("describes its folder", () => {
    expect(store.describe()).toBe(`local folder ${path.join(dir, "uploads")}`);
  });
});

describe("createStorage", () => {
  it("uses <cwd>/.data/uploads by default and FILE_STORAGE_DIR when set", () => {
    const local = createStorage(parseEnv({}), "/srv/lyceum");
    expect(local).toBeInstanceOf(LocalFileStorage);
    expect(local.describe()).toBe(`local folder ${path.resolve("/srv/lyceum/.data/uploads")}`);
    expect(createStorage(parseEnv({ FILE_STORAGE_DIR: "files" }), "/srv/lyceum").describe()).toBe(`local folder ${path.resolve("/srv/lyceum/files")}`);
    expect(createStorage(parseEnv({ FILE_STORAGE_DIR: "/var/lib/lyceum" }), "/srv/lyceum").describe()).toBe(
      `local folder ${path.resolve("/var/lib/lyceum")}`,
    );
    // Empty values in .env mean "not set".
    expect(createStorage(parseEnv({ S3_BUCKET: "", FILE_STORAGE_DIR: "" }), "/srv/lyceum")).toBeInstanceOf(LocalFileStorage);
  });

  it("uses S3 when S3_BUCKET is set, path-style by default with an endpoint", () => {
    const keys = { S3_ACCESS_KEY_ID: "minio", S3_SECRET_ACCESS_KEY: "minio-secret" };
    const minio = createStorage(parseEnv({ S3_BUCKET: "lyceum", S3_ENDPOINT: "http://localhost:9000", ...keys }));
    expect(minio).toBeInstanceOf(S3FileStorage);
    expect(minio.describe()).toBe('S3 bucket "lyceum" at http://localhost:9000 (path-style, region us-east-1)');

    const aws = createStorage(parseEnv({ S3_BUCKET: "lyceum", S3_REGION: "eu-west-1", ...keys }));
    expect(aws.describe()).toBe('S3 bucket "lyceum" at https://s3.eu-west-1.amazonaws.com (virtual-hosted, region eu-west-1)');

    const forced = createStorage(parseEnv({ S3_BUCKET: "lyceum", S3_ENDPOINT: "https://s3.eu-west-1.amazonaws.com", S3_FORCE_PATH_STYLE: "false", ...keys }));
    expect(forced.describe()).toContain("virtual-hosted");
  });

  it("explains which S3 setting is missing or wrong", () => {
    expect(() => createStorage(parseEnv({ S3_BUCKET: "lyceum", S3_ACCESS_KEY_ID: "minio" }))).toThrow(
      /S3_BUCKET is set but S3_SECRET_ACCESS_KEY is not/,
    );
    expect(() => createStorage(parseEnv({ S3_BUCKET: "lyceum" }))).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are not/);
    expect(() => parseEnv({ S3_ENDPOINT: "localhost:9000" })).toThrow(/S3_ENDPOINT: must be an http\(s\) URL/);
    expect(() => parseEnv({ S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => parseEnv({ MAX_UPLOAD_MB: "lots" })).toThrow(/MAX_UPLOAD_MB: must be a number of megabytes/);
  });

  it("reads MAX_UPLOAD_MB and S3_REGION with their defaults", () => {
    expect(parseEnv({}).MAX_UPLOAD_MB).toBe(25);
    expect(parseEnv({ MAX_UPLOAD_MB: "" }).MAX_UPLOAD_MB).toBe(25);
    expect(parseEnv({ MAX_UPLOAD_MB: "100" }).MAX_UPLOAD_MB).toBe(100);
    expect(parseEnv({}).S3_REGION).toBe("us-east-1");
    expect(parseEnv({ S3_REGION: "" }).S3_REGION).toBe("us-east-1");
    expect(parseEnv({}).S3_FORCE_PATH_STYLE).toBeUndefined();
    expect(parseEnv({ S3_FORCE_PATH_STYLE: "1" }).S3_FORCE_PATH_STYLE).toBe(true);
  });
});
