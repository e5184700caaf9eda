import { createHash, createHmac } from "node:crypto";
import type { FileStorage, StoredFile } from "./index";
import { assertContentType, assertStorageKey } from "./upload-rules";

/**
 * An S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Backblaze B2,
 * Ceph...) spoken to over fetch with AWS Signature Version 4, so no SDK is needed.
 */

export interface S3StorageOptions {
  bucket: string;
  /** API root, e.g. http://localhost:9000. Default: https://s3.<region>.amazonaws.com. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<endpoint host>/<key>`. Default: true when `endpoint` is set. */
  forcePathStyle?: boolean;
  /** Per attempt, body included. Default 120 s: a 25 MB upload on a slow link takes a while. */
  timeoutMs?: number;
  /** Pause before the one retry of a failed request. Default 300 ms. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The bucket could not be used: wrong configuration (credentials, region,
 * bucket name) or an outage. Not the user's fault, so not an AppError;
 * `s3Code` is S3's error code (e.g. "SignatureDoesNotMatch") when it sent one.
 */
export class S3StorageError extends Error {
  readonly status?: number;
  readonly s3Code?: string;
  constructor(message: string, extra: { status?: number; s3Code?: string; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = "S3StorageError";
    this.status = extra.status;
    this.s3Code = extra.s3Code;
  }
}

// ---------------------------------------------------------------------------
// Signature Version 4 (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html)

export const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Uint8Array | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ (and "/" when `keepSlash`). */
export function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}

/** 2013-05-24T00:00:00.000Z -> "20130524T000000Z". */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export interface SignRequestInput {
  method: string;
  /** The URL exactly as it will be sent: its pathname is used as already encoded (S3 signs it unnormalised). */
  url: URL;
  /** Headers to send and sign besides host, x-amz-date and x-amz-content-sha256 (e.g. content-type, range). */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body (EMPTY_PAYLOAD_SHA256 for none). */
  payloadHash: string;
  region: string;
  service?: string;
  accessKeyId: string;
  secretAccessKey: string;
  date: Date;
}

export interface SignedRequest {
  /** Everything to send: the given headers, x-amz-date, x-amz-content-sha256 and authorization. Host is left to fetch, which sends url.host. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

function canonicalQuery(search: string): string {
  if (search === "" || search === "?") return "";
  return search
    .replace(/^\?/, "")
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
      return [uriEncode(name), uriEncode(value)] as const;
    })
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** Signs a request with an Authorization header (not a presigned URL). */
export function signRequest(input: SignRequestInput): SignedRequest {
  const service = input.service ?? "s3";
  const timestamp = amzDate(input.date);
  const day = timestamp.slice(0, 8);
  const scope = `${day}/${input.region}/${service}/aws4_request`;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["x-amz-date"] = timestamp;
  headers["x-amz-content-sha256"] = input.payloadHash;
  const signed: Record<string, string> = { ...headers, host: input.url.host };
  delete signed.authorization;

  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(signed[n] ?? "").trim().replace(/ +/g, " ")}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.url.pathname || "/",
    canonicalQuery(input.url.search),
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, sha256Hex(canonicalRequest)].join("\n");

  const signingKey = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service), "aws4_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");

  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign, signature };
}

// ---------------------------------------------------------------------------
// The store

type Operation = "put" | "get" | "delete";

const RETRIABLE_STATUSES = new Set([500, 502, 503, 504]);

/** The object's URL: path-style `<endpoint>/<bucket>/<key>` or virtual-hosted `<bucket>.<host>/<key>`. */
export function objectUrl(options: Pick<S3StorageOptions, "bucket" | "endpoint" | "region" | "forcePathStyle">, key: string): URL {
  const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const pathStyle = options.forcePathStyle ?? options.endpoint !== undefined;
  const encodedKey = uriEncode(key, true);
  if (pathStyle) return new URL(`${endpoint.origin}${basePath}/${uriEncode(options.bucket)}/${encodedKey}`);
  return new URL(`${endpoint.protocol}//${options.bucket}.${endpoint.host}${basePath}/${encodedKey}`);
}

interface S3ErrorBody {
  code?: string;
  message?: string;
  region?: string;
}

function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  if (!match?.[1]) return undefined;
  return match[1]
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function parseErrorBody(xml: string): S3ErrorBody {
  return { code: xmlText(xml, "Code"), message: xmlText(xml, "Message"), region: xmlText(xml, "Region") };
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** The same bytes without copying, typed as fetch accepts them; copied only when backed by a SharedArrayBuffer. */
function fetchableBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class S3FileStorage implements FileStorage {
  private readonly options: S3StorageOptions;
  private readonly endpointLabel: string;
  private readonly pathStyle: boolean;

  constructor(options: S3StorageOptions) {
    if (!/^[A-Za-z0-9._-]{1,255}$/.test(options.bucket)) {
      throw new Error(`S3 bucket name "${options.bucket}" is not valid: use lower-case letters, digits, dots and dashes (S3_BUCKET).`);
    }
    if (!options.accessKeyId || !options.secretAccessKey) {
      throw new Error("S3 storage needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (see .env.example).");
    }
    this.options = options;
    this.pathStyle = options.forcePathStyle ?? options.endpoint !== undefined;
    this.endpointLabel = (options.endpoint ?? `https://s3.${options.region}.amazonaws.com`).replace(/\/+$/, "");
  }

  describe(): string {
    return `S3 bucket "${this.options.bucket}" at ${this.endpointLabel} (${this.pathStyle ? "path-style" : "virtual-hosted"}, region ${this.options.region})`;
  }

  async put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void> {
    assertStorageKey(key);
    assertContentType(options.contentType);
    const response = await this.send("put", key, { body: bytes, headers: { "content-type": options.contentType } });
    await response.arrayBuffer();
  }

  async get(key: string): Promise<StoredFile | null> {
    assertStorageKey(key);
    const response = await this.send("get", key, { notFoundIsNull: true });
    if (response.status === 404) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    // S3 answers 204 for a missing key too, so a repeated delete is not an error.
    const response = await this.send("delete", key, { notFoundIsNull: true });
    await response.arrayBuffer();
  }

  /**
   * One request, retried once on a network error, a timeout or a 5xx: S3
   * documents 500/503 as "try again", and every operation here is idempotent.
   * Returns a 2xx response, or a 404 NoSuchKey when `notFoundIsNull`.
   */
  private async send(
    operation: Operation,
    key: string,
    request: { body?: Uint8Array; headers?: Record<string, string>; notFoundIsNull?: boolean },
  ): Promise<Response> {
    const o = this.options;
    const doFetch = o.fetch ?? fetch;
    const url = objectUrl(o, key);
    const method = operation.toUpperCase();
    const payloadHash = request.body ? sha256Hex(request.body) : EMPTY_PAYLOAD_SHA256;
    const body = request.body ? fetchableBytes(request.body) : undefined;

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= 2;
      // Signed per attempt: x-amz-date must be within 15 minutes of S3's clock.
      const { headers } = signRequest({
        method,
        url,
        headers: request.headers,
        payloadHash,
        region: o.region,
        accessKeyId: o.accessKeyId,
        secretAccessKey: o.secretAccessKey,
        date: o.now?.() ?? new Date(),
      });
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body,
          // A redirect means another region or endpoint; following it would resend a signature for the wrong host.
          redirect: "manual",
          signal: AbortSignal.timeout(o.timeoutMs ?? 120_000),
        });
      } catch (error) {
        if (!last) {
          await sleep(o.retryDelayMs ?? 300);
          continue;
        }
        const message = isTimeout(error)
          ? `The file store at ${this.endpointLabel} did not answer within ${(o.timeoutMs ?? 120_000) / 1000} s (${operation} "${key}"). Check that it is up and reachable (S3_ENDPOINT).`
          : `Could not reach the file store at ${this.endpointLabel} (${describeCause(error)}) to ${operation} "${key}". Check S3_ENDPOINT and that the server is running.`;
        throw new S3StorageError(message, { cause: error });
      }

      if (response.ok) return response;
      const text = await response.text().catch(() => "");
      const s3 = parseErrorBody(text);
      if (response.status === 404 && request.notFoundIsNull && s3.code !== "NoSuchBucket") return response;
      if (RETRIABLE_STATUSES.has(response.status) && !last) {
        await sleep(o.retryDelayMs ?? 300);
        continue;
      }
      throw this.errorFor(operation, key, response, s3);
    }
  }

  private errorFor(operation: Operation, key: string, response: Response, s3: S3ErrorBody): S3StorageError {
    const o = this.options;
    const status = response.status;
    const said = s3.code ? `${s3.code}${s3.message ? `: ${s3.message}` : ""}` : `HTTP ${status}`;
    const where = `bucket "${o.bucket}" at ${this.endpointLabel}`;
    let message: string;
    switch (s3.code) {
      case "SignatureDoesNotMatch":
        message = `The file store rejected our request signature for ${where}. Check S3_SECRET_ACCESS_KEY, and that S3_REGION (${o.region}) is the bucket's region.`;
        break;
      case "InvalidAccessKeyId":
        message = `The file store does not know the access key "${o.accessKeyId}" (${where}). Check S3_ACCESS_KEY_ID.`;
        break;
      case "RequestTimeTooSkewed":
        message = `The file store refused the request because this server's clock is more than 15 minutes off (${where}). Synchronise the clock (NTP).`;
        break;
      case "NoSuchBucket":
        message = `The ${where} does not exist. Create it, or fix S3_BUCKET / S3_ENDPOINT.`;
        break;
      case "AuthorizationHeaderMalformed":
      case "PermanentRedirect":
      case "IllegalLocationConstraintException": {
        const region = s3.region ?? response.headers.get("x-amz-bucket-region");
        message = `The ${where} is in another region${region ? ` (${region})` : ""} or behind another endpoint. Set S3_REGION${region ? `=${region}` : ""} and check S3_ENDPOINT (${said}).`;
        break;
      }
      default:
        if (status === 403) {
          message = `The file store denied ${operation} "${key}" in ${where} (${said}). Check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that this key may ${operation === "put" ? "s3:PutObject" : operation === "get" ? "s3:GetObject" : "s3:DeleteObject"} on the bucket.`;
        } else if (status >= 300 && status < 400) {
          const region = response.headers.get("x-amz-bucket-region");
          message = `The file store redirected ${operation} "${key}" (HTTP ${status}${region ? `, bucket region ${region}` : ""}): the ${where} is in another region or behind another endpoint. Check S3_REGION and S3_ENDPOINT.`;
        } else if (status >= 500) {
          message = `The file store at ${this.endpointLabel} is failing (${said}) and did so again on retry (${operation} "${key}"). Try again later.`;
        } else {
          message = `The file store refused ${operation} "${key}" in ${where} (${said}).`;
        }
    }
    return new S3StorageError(message, { status, s3Code: s3.code });
  }
}
