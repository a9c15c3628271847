import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import type { HttpRequestData } from "../protocols/types";
import { isSignatureValid, parseAuthorization } from "./sigv4";

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The Hash interface SignatureV4 expects, on node:crypto (what @aws-sdk's hash-node does). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac("sha256", toBytes(secret)) : createHash("sha256");
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

const credentials = { accessKeyId: "AKIAEXAMPLEEXAMPLE01", secretAccessKey: "secret-example" };

async function signedRequest(
  service: string,
  path: string,
  query: Record<string, string>,
  body: string,
): Promise<HttpRequestData> {
  const signer = new SignatureV4({
    service,
    region: "eu-west-1",
    credentials,
    sha256: Sha256,
    uriEscapePath: service !== "s3",
  });
  const signed = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4566,
    path,
    query,
    headers: { host: "127.0.0.1:4566", "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const rawQuery = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  return {
    method: "POST",
    rawPath: path,
    rawQuery,
    query: Object.entries(query),
    headers: Object.fromEntries(
      Object.entries(signed.headers).map(([key, value]) => [key.toLowerCase(), String(value)]),
    ),
    body: Buffer.from(body),
  };
}

describe("SigV4 verification", () => {
  it("accepts a request signed by @smithy/signature-v4 and reads its scope", async () => {
    const request = await signedRequest("iam", "/", {}, "Action=ListUsers&Version=2010-05-08");
    const authorization = parseAuthorization(request.headers.authorization);
    expect(authorization).toMatchObject({ accessKeyId: credentials.accessKeyId, region: "eu-west-1", service: "iam" });
    expect(
      isSignatureValid(request, authorization as NonNullable<typeof authorization>, credentials.secretAccessKey),
    ).toBe(true);
  });

  it("accepts encoded paths and query strings for S3 and restJson services", async () => {
    const s3 = await signedRequest("s3", "/my-bucket/", { versioning: "" }, "");
    expect(
      isSignatureValid(s3, parseAuthorization(s3.headers.authorization) as never, credentials.secretAccessKey),
    ).toBe(true);
    const backup = await signedRequest(
      "backup",
      "/backup-jobs/",
      { state: "COMPLETED", createdAfter: "1700000000" },
      "",
    );
    expect(
      isSignatureValid(backup, parseAuthorization(backup.headers.authorization) as never, credentials.secretAccessKey),
    ).toBe(true);
  });

  it("rejects a wrong secret and a tampered body", async () => {
    const request = await signedRequest("iam", "/", {}, "Action=ListUsers&Version=2010-05-08");
    const authorization = parseAuthorization(request.headers.authorization) as never;
    expect(isSignatureValid(request, authorization, "another-secret")).toBe(false);
    expect(
      isSignatureValid(
        { ...request, body: Buffer.from("Action=DeleteUser") },
        authorization,
        credentials.secretAccessKey,
      ),
    ).toBe(false);
  });
});
