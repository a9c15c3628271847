import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { HttpRequestData } from "../protocols/types";

// Signature Version 4 verification, recomputed from the request as received
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
// S3 signs the path as sent; every other service signs the path URI-encoded a second time.

export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  const match = header ? AUTHORIZATION_PATTERN.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** RFC 3986 encoding as AWS defines it (encodeURIComponent leaves !'()* alone). */
export function awsUriEscape(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalPath(rawPath: string, service: string): string {
  if (service === "s3") return rawPath || "/";
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  const normalized = `/${segments.join("/")}${trailing}`;
  return awsUriEscape(normalized).replace(/%2F/g, "/");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return "";
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const separator = pair.indexOf("=");
      const key = separator === -1 ? pair : pair.slice(0, separator);
      const value = separator === -1 ? "" : pair.slice(separator + 1);
      return [awsUriEscape(safeDecode(key)), awsUriEscape(safeDecode(value))] as const;
    })
    .filter(([key]) => key !== "X-Amz-Signature")
    .sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? (valueA < valueB ? -1 : 1) : keyA < keyB ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

export function computeSignature(
  request: HttpRequestData,
  authorization: SigV4Authorization,
  secretAccessKey: string,
): string {
  const amzDate = request.headers["x-amz-date"] ?? "";
  const canonicalHeaders = authorization.signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  // The declared payload hash is trusted only as a marker (UNSIGNED-PAYLOAD, STREAMING-…); otherwise the
  // body's real hash is signed, so a body altered after signing fails like S3's XAmzContentSHA256Mismatch.
  const declared = request.headers["x-amz-content-sha256"];
  const payloadHash = declared && !/^[0-9a-f]{64}$/.test(declared) ? declared : sha256Hex(request.body);
  const canonicalRequest = [
    request.method,
    canonicalPath(request.rawPath, authorization.service),
    canonicalQuery(request.rawQuery),
    canonicalHeaders,
    authorization.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${authorization.date}/${authorization.region}/${authorization.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const dateKey = hmac(`AWS4${secretAccessKey}`, authorization.date);
  const signingKey = hmac(hmac(hmac(dateKey, authorization.region), authorization.service), "aws4_request");
  return createHmac("sha256", signingKey).update(stringToSign).digest("hex");
}

export function isSignatureValid(
  request: HttpRequestData,
  authorization: SigV4Authorization,
  secretAccessKey: string,
): boolean {
  const expected = Buffer.from(computeSignature(request, authorization, secretAccessKey), "hex");
  const actual = Buffer.from(authorization.signature, "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
