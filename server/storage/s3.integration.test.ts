import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3Server } from "../../tests/fixtures/s3-server";
import { parseEnv } from "../env";
import { createStorage } from "./index";
import { EMPTY_PAYLOAD_SHA256, objectUrl, S3FileStorage, S3StorageError, sha256Hex, signRequest, type S3StorageOptions } from "./s3";

/** Against tests/fixtures/s3-server.ts: real HTTP, real SigV4 checks, S3's error XML. */

let s3: FakeS3Server;

beforeAll(async () => {
  s3 = await startFakeS3({ region: "us-east-1", buckets: ["lyceum-test"] });
});

afterAll(async () => {
  await s3.close();
});

beforeEach(() => {
  s3.received.length = 0;
});

function store(overrides: Partial<S3StorageOptions> = {}): S3FileStorage {
  return new S3FileStorage({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    retryDelayMs: 1,
    ...overrides,
  });
}

const bytes = (text: string) => new TextEncoder().encode(text);

async function failure(promise: Promise<unknown>): Promise<S3StorageError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3StorageError) return error;
    throw error;
  }
  throw new Error("expected an S3StorageError");
}

describe("S3FileStorage against an S3-compatible server", () => {
  it("stores, reads back and deletes a file, keeping its content type", async () => {
    // Built from the environment as the app does, to cover the S3_* wiring.
    const files = createStorage(
      parseEnv({ S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey }),
    );
    const key = "assignments/cohort-1/user-1/0b7f8a4e-3c1d-4f6a-9e2b-5d8c7a6b4e3f";
    const content = bytes("%PDF-1.7\nessay");

    await files.put(key, content, { contentType: "application/pdf" });
    expect(s3.objects.get(`lyceum-test/${key}`)?.contentType).toBe("application/pdf");

    const got = await files.get(key);
    expect(got?.contentType).toBe("application/pdf");
    expect(got?.bytes).toEqual(content);

    await files.delete(key);
    expect(s3.objects.has(`lyceum-test/${key}`)).toBe(false);
    expect(await files.get(key)).toBeNull();

    const put = s3.received[0];
    expect(put?.method).toBe("PUT");
    expect(put?.url).toBe(`/lyceum-test/${key}`);
    expect(put?.headers["x-amz-content-sha256"]).toBe(sha256Hex(content));
    expect(put?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/);
    expect(s3.received.map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 200", "GET 200", "DELETE 204", "GET 404"]);
  });

  it("keeps every byte of a larger binary file", async () => {
    const content = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 256);
    await store().put("courses/c1/cover.webp", content, { contentType: "image/webp" });
    const got = await store().get("courses/c1/cover.webp");
    expect(got?.bytes.length).toBe(content.length);
    expect(sha256Hex(got?.bytes ?? new Uint8Array())).toBe(sha256Hex(content));
    expect(got?.contentType).toBe("image/webp");
  });

  it("returns null for a missing key and deletes a missing key quietly", async () => {
    expect(await store().get("nothing/here")).toBeNull();
    await expect(store().delete("nothing/here")).resolves.toBeUndefined();
    expect(s3.received.map((r) => `${r.method} ${r.status} ${r.code ?? ""}`.trim())).toEqual(["GET 404 NoSuchKey", "DELETE 204"]);
  });

  it("rejects bad keys before sending anything", async () => {
    for (const key of ["../x", "/abs", "a/./b", "a b", "a//b", "x".repeat(513), ""]) {
      await expect(store().put(key, bytes("x"), { contentType: "text/plain" }), key).rejects.toMatchObject({ code: "invalid" });
      await expect(store().get(key), key).rejects.toMatchObject({ code: "invalid" });
      await expect(store().delete(key), key).rejects.toMatchObject({ code: "invalid" });
    }
    expect(s3.received).toEqual([]);
  });

  it("explains a wrong secret, and does not retry it", async () => {
    const error = await failure(store({ secretAccessKey: "not-the-secret" }).put("a/b", bytes("x"), { contentType: "text/plain" }));
    expect(error.status).toBe(403);
    expect(error.s3Code).toBe("SignatureDoesNotMatch");
    expect(error.message).toBe(
      `The file store rejected our request signature for bucket "lyceum-test" at ${s3.endpoint}. Check S3_SECRET_ACCESS_KEY, and that S3_REGION (us-east-1) is the bucket's region.`,
    );
    expect(error.message).not.toContain("not-the-secret");
    expect(s3.received).toHaveLength(1);
    expect(s3.objects.has("lyceum-test/a/b")).toBe(false);
  });

  it("explains an unknown access key, a wrong region and a skewed clock", async () => {
    const unknownKey = await failure(store({ accessKeyId: "AKIAUNKNOWN" }).get("a/b"));
    expect(unknownKey.s3Code).toBe("InvalidAccessKeyId");
    expect(unknownKey.message).toMatch(/does not know the access key "AKIAUNKNOWN".*Check S3_ACCESS_KEY_ID\./);

    const wrongRegion = await failure(store({ region: "eu-west-1" }).get("a/b"));
    expect(wrongRegion.message).toMatch(/is in another region \(us-east-1\).*Set S3_REGION=us-east-1/);

    const skewed = await failure(store({ now: () => new Date(Date.now() - 20 * 60 * 1000) }).get("a/b"));
    expect(skewed.s3Code).toBe("RequestTimeTooSkewed");
    expect(skewed.message).toMatch(/clock is more than 15 minutes off/);
  });

  it("throws for a missing bucket instead of reporting the file missing", async () => {
    const error = await failure(store({ bucket: "no-such-bucket" }).get("a/b"));
    expect(error.s3Code).toBe("NoSuchBucket");
    expect(error.message).toBe(`The bucket "no-such-bucket" at ${s3.endpoint} does not exist. Create it, or fix S3_BUCKET / S3_ENDPOINT.`);
    await expect(store({ bucket: "no-such-bucket" }).delete("a/b")).rejects.toThrow(/does not exist/);
  });

  it("retries a 5xx or a dropped connection once", async () => {
    s3.fail({ status: 500 });
    await store().put("retry/one", bytes("first"), { contentType: "text/plain" });
    expect(s3.received.map((r) => r.status)).toEqual([500, 200]);

    s3.received.length = 0;
    s3.fail({ disconnect: true });
    expect((await store().get("retry/one"))?.bytes).toEqual(bytes("first"));
    expect(s3.received.map((r) => r.status)).toEqual([0, 200]);
  });

  it("gives up after the retry with a message about the outage", async () => {
    s3.fail({ status: 503, code: "SlowDown", message: "Please reduce your request rate." }, { status: 503, code: "SlowDown", message: "Please reduce your request rate." });
    const error = await failure(store().put("retry/two", bytes("x"), { contentType: "text/plain" }));
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      `The file store at ${s3.endpoint} is failing (SlowDown: Please reduce your request rate.) and did so again on retry (put "retry/two"). Try again later.`,
    );
    expect(s3.received).toHaveLength(2);

    s3.fail({ disconnect: true }, { disconnect: true });
    const dropped = await failure(store().get("retry/two"));
    expect(dropped.message).toMatch(/^Could not reach the file store at http:\/\/127\.0\.0\.1:\d+ \(.+\) to get "retry\/two"\. Check S3_ENDPOINT and that the server is running\.$/);
  });

  it("says when nothing listens at S3_ENDPOINT", async () => {
    const port = await freePort();
    const error = await failure(store({ endpoint: `http://127.0.0.1:${port}` }).get("a/b"));
    expect(error.message).toMatch(new RegExp(`Could not reach the file store at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED.*Check S3_ENDPOINT`));
  });

  it("times out a server that does not answer", async () => {
    const error = await failure(store({ endpoint: `http://127.0.0.1:${await silentServerPort()}`, timeoutMs: 100 }).get("a/b"));
    expect(error.message).toMatch(/^The file store at http:\/\/127\.0\.0\.1:\d+ did not answer within 0\.1 s \(get "a\/b"\)\. Check that it is up and reachable \(S3_ENDPOINT\)\.$/);
  });
});

describe("the fake S3 server", () => {
  it("answers HEAD, and refuses unsigned requests and bodies that do not match their hash", async () => {
    await store().put("fake/head.txt", bytes("hello"), { contentType: "text/plain" });
    const url = objectUrl({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region }, "fake/head.txt");
    const sign = (method: string, payloadHash = EMPTY_PAYLOAD_SHA256) =>
      signRequest({ method, url, payloadHash, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, date: new Date() }).headers;

    const head = await fetch(url, { method: "HEAD", headers: sign("HEAD") });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("5");
    expect(head.headers.get("content-type")).toBe("text/plain");

    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain("<Code>AccessDenied</Code>");

    const tampered = await fetch(url, { method: "PUT", headers: sign("PUT", sha256Hex(bytes("hello"))), body: "HELLO" });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("<Code>XAmzContentSHA256Mismatch</Code>");

    const missing = await fetch(objectUrl({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region }, "fake/none"), {
      headers: signRequest({
        method: "GET",
        url: objectUrl({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region }, "fake/none"),
        payloadHash: EMPTY_PAYLOAD_SHA256,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        date: new Date(),
      }).headers,
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/xml");
    expect(await missing.text()).toMatch(/<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist\.<\/Message><Key>fake\/none<\/Key>/);
  });
});

/** A port nothing listens on (briefly bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const silent: Server[] = [];
const silentSockets: Socket[] = [];
afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  for (const server of silent) await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A TCP server that accepts connections and never answers. */
async function silentServerPort(): Promise<number> {
  const server = createServer((socket) => void silentSockets.push(socket));
  silent.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}
