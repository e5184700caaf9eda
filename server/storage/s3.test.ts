import { describe, expect, it } from "vitest";
import { sigV4 } from "../../tests/fixtures/s3-server";
import { amzDate, EMPTY_PAYLOAD_SHA256, objectUrl, S3FileStorage, sha256Hex, signRequest, uriEncode } from "./s3";

/**
 * The worked examples of
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * (same credentials and time for all of them).
 */
const aws = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  date: new Date("2013-05-24T00:00:00Z"),
};
const awsEndpoint = { bucket: "examplebucket", endpoint: "https://s3.amazonaws.com", region: "us-east-1", forcePathStyle: false };

describe("signRequest (AWS Signature Version 4)", () => {
  it("matches AWS's GET object example", () => {
    const url = objectUrl(awsEndpoint, "test.txt");
    expect(url.href).toBe("https://examplebucket.s3.amazonaws.com/test.txt");
    const signed = signRequest({ ...aws, method: "GET", url, headers: { Range: "bytes=0-9" }, payloadHash: EMPTY_PAYLOAD_SHA256 });

    expect(signed.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
    expect(signed.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(signed.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(signed.headers).toEqual({
      range: "bytes=0-9",
      "x-amz-date": "20130524T000000Z",
      "x-amz-content-sha256": EMPTY_PAYLOAD_SHA256,
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    });
  });

  it("matches AWS's PUT object example (a key that needs encoding, a body hash)", () => {
    const payloadHash = sha256Hex(new TextEncoder().encode("Welcome to Amazon S3."));
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const url = objectUrl(awsEndpoint, "test$file.text");
    expect(url.pathname).toBe("/test%24file.text");
    const signed = signRequest({
      ...aws,
      method: "PUT",
      url,
      headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      payloadHash,
    });
    expect(signed.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("matches AWS's list objects example (query string sorted and encoded)", () => {
    const signed = signRequest({
      ...aws,
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
      payloadHash: EMPTY_PAYLOAD_SHA256,
    });
    expect(signed.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });

  it("agrees with the fake S3 server's independent verifier on AWS's example", () => {
    // The integration test trusts tests/fixtures/s3-server.ts to reject bad
    // signatures; this pins that verifier to AWS's published answer too.
    const { signature } = sigV4({
      method: "GET",
      rawPath: "/test.txt",
      rawQuery: "",
      signedHeaders: ["host", "range", "x-amz-content-sha256", "x-amz-date"],
      headerValue: (name) =>
        ({ host: "examplebucket.s3.amazonaws.com", range: "bytes=0-9", "x-amz-content-sha256": EMPTY_PAYLOAD_SHA256, "x-amz-date": "20130524T000000Z" })[name] ?? "",
      payloadHash: EMPTY_PAYLOAD_SHA256,
      amzDate: "20130524T000000Z",
      region: "us-east-1",
      service: "s3",
      secretAccessKey: aws.secretAccessKey,
    });
    expect(signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });

  it("writes x-amz-date in the compact form", () => {
    expect(amzDate(new Date("2026-01-02T03:04:05.678Z"))).toBe("20260102T030405Z");
  });
});

describe("uriEncode", () => {
  it("leaves only unreserved characters, and slashes when asked", () => {
    expect(uriEncode("a b+c!'()*~._-")).toBe("a%20b%2Bc%21%27%28%29%2A~._-");
    expect(uriEncode("a/b")).toBe("a%2Fb");
    expect(uriEncode("a/b", true)).toBe("a/b");
    expect(uriEncode("ключ")).toBe("%D0%BA%D0%BB%D1%8E%D1%87");
  });
});

describe("objectUrl", () => {
  const key = "assignments/c1/u1/5f0c.pdf";

  it("is path-style when an endpoint is given (MinIO)", () => {
    expect(objectUrl({ bucket: "lyceum", endpoint: "http://localhost:9000", region: "us-east-1" }, key).href).toBe(
      `http://localhost:9000/lyceum/${key}`,
    );
    expect(objectUrl({ bucket: "lyceum", endpoint: "http://minio.internal:9000/s3/", region: "us-east-1" }, key).href).toBe(
      `http://minio.internal:9000/s3/lyceum/${key}`,
    );
  });

  it("is virtual-hosted on AWS unless path-style is forced", () => {
    expect(objectUrl({ bucket: "lyceum", region: "eu-west-1" }, key).href).toBe(`https://lyceum.s3.eu-west-1.amazonaws.com/${key}`);
    expect(objectUrl({ bucket: "lyceum", region: "eu-west-1", forcePathStyle: true }, key).href).toBe(
      `https://s3.eu-west-1.amazonaws.com/lyceum/${key}`,
    );
    expect(
      objectUrl({ bucket: "lyceum", endpoint: "https://s3.eu-west-1.amazonaws.com", region: "eu-west-1", forcePathStyle: false }, key).href,
    ).toBe(`https://lyceum.s3.eu-west-1.amazonaws.com/${key}`);
  });
});

describe("S3FileStorage", () => {
  const base = { bucket: "lyceum", region: "us-east-1", accessKeyId: "AK", secretAccessKey: "SK" };

  it("describes where files go without the secret", () => {
    const s3 = new S3FileStorage({ ...base, endpoint: "http://localhost:9000/" });
    expect(s3.describe()).toBe('S3 bucket "lyceum" at http://localhost:9000 (path-style, region us-east-1)');
    expect(s3.describe()).not.toContain("SK");
    expect(new S3FileStorage({ ...base, region: "eu-west-1" }).describe()).toBe(
      'S3 bucket "lyceum" at https://s3.eu-west-1.amazonaws.com (virtual-hosted, region eu-west-1)',
    );
  });

  it("refuses to start without credentials or with a bucket name that would change the URL", () => {
    expect(() => new S3FileStorage({ ...base, secretAccessKey: "" })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => new S3FileStorage({ ...base, bucket: "a/b" })).toThrow(/S3_BUCKET/);
  });

  it("checks the key before any request is made", async () => {
    let calls = 0;
    const s3 = new S3FileStorage({
      ...base,
      endpoint: "http://127.0.0.1:9",
      fetch: async () => {
        calls++;
        return new Response(null, { status: 500 });
      },
    });
    await expect(s3.get("../etc/passwd")).rejects.toMatchObject({ code: "invalid" });
    await expect(s3.put("a/b", new Uint8Array([1]), { contentType: "text/plain\r\nx-evil: 1" })).rejects.toMatchObject({ code: "invalid" });
    expect(calls).toBe(0);
  });
});
