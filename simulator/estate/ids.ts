import { createHash } from "node:crypto";

// Deterministic identifiers: an estate that omits ids gets the same ones on every start, so
// tests, request logs and the app's stored evidence stay comparable across runs.

function digest(parts: string[]): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

export function stableHex(length: number, ...parts: string[]): string {
  return digest(parts).toString("hex").slice(0, length);
}

const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** IAM unique ids: a 4-letter prefix (AIDA user, AGPA group, AROA role, ANPA policy) + 17 characters. */
export function stableIamId(prefix: string, ...parts: string[]): string {
  const bytes = digest(parts);
  let out = prefix;
  for (let index = 0; out.length < 21; index++) out += UPPER_ALPHANUMERIC[bytes[index] % 32];
  return out;
}

export function stableUuid(...parts: string[]): string {
  const hex = stableHex(32, ...parts);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
