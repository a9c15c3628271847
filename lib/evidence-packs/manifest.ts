import { createHash, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { fingerprintOf } from "./signing-key";

// A pack's integrity: manifest.json lists every file with its SHA-256 and size, the content digest
// (SHA-256 over the sorted "hash  path" lines, equal for equal content), the generation record and the
// installation's public key; manifest.sig is the Ed25519 signature of manifest.json's exact bytes.
// Anyone can check a pack with `npm run evidence:verify -- pack.zip` (or openssl and sha256sum).

export const MANIFEST_PATH = "manifest.json";
export const SIGNATURE_PATH = "manifest.sig";
const MANIFEST_FORMAT = "rampart-evidence-pack-manifest/1";

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface Generation {
  generatedBy: string;
  generatedAt: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  customer: string;
  asOf: string;
  period: { from: string; to: string };
  files: ManifestFile[];
  contentDigest: string;
  generation: Generation;
  signature: { algorithm: "Ed25519"; publicKeyPem: string; fingerprint: string };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function contentDigestOf(files: readonly ManifestFile[]): string {
  return sha256(strToU8(files.map((file) => `${file.sha256}  ${file.path}\n`).join("")));
}

export interface SignedPack {
  zip: Uint8Array;
  manifest: Manifest;
}

/** Zips the content files with a signed manifest. Entries are sorted and dated `fixedDate`, so equal files give equal entries. */
export function sealPack(
  files: readonly { path: string; bytes: Uint8Array }[],
  header: { customer: string; asOf: string; period: { from: string; to: string } },
  generation: Generation,
  key: { privateKey: KeyObject; publicKeyPem: string },
  fixedDate: Date,
): SignedPack {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const listed = sorted.map((file) => ({ path: file.path, sha256: sha256(file.bytes), size: file.bytes.length }));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    ...header,
    files: listed,
    contentDigest: contentDigestOf(listed),
    generation,
    signature: {
      algorithm: "Ed25519",
      publicKeyPem: key.publicKeyPem,
      fingerprint: fingerprintOf(createPublicKey(key.publicKeyPem)),
    },
  };
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = sign(null, manifestBytes, key.privateKey).toString("base64");
  // The zip format stores local time to 2 s from 1980; a fixed date keeps entries identical.
  const mtime = fixedDate.getTime() < Date.UTC(1980, 1, 1) ? new Date(Date.UTC(1980, 1, 1)) : fixedDate;
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of sorted) entries[file.path] = [file.bytes, { mtime }];
  entries[MANIFEST_PATH] = [manifestBytes, { mtime }];
  entries[SIGNATURE_PATH] = [strToU8(`${signature}\n`), { mtime }];
  return { zip: zipSync(entries, { level: 6 }), manifest };
}

export interface VerifyReport {
  ok: boolean;
  /** Problems in plain words, one per changed, missing or unlisted file, or a bad signature. */
  problems: string[];
  manifest: Manifest | null;
  fingerprint: string | null;
  checkedFiles: number;
}

/**
 * Checks a pack zip: the signature of manifest.json with the key it names (and, if given, that the key is
 * the expected installation's), then every listed file's SHA-256, and that no file was added.
 */
export function verifyPack(zip: Uint8Array, options: { expectedFingerprint?: string } = {}): VerifyReport {
  const problems: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    return {
      ok: false,
      problems: [`not a readable zip (${(error as Error).message})`],
      manifest: null,
      fingerprint: null,
      checkedFiles: 0,
    };
  }
  const manifestBytes = entries[MANIFEST_PATH];
  const signatureBytes = entries[SIGNATURE_PATH];
  if (!manifestBytes || !signatureBytes) {
    return {
      ok: false,
      problems: ["manifest.json or manifest.sig is missing"],
      manifest: null,
      fingerprint: null,
      checkedFiles: 0,
    };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as Manifest;
  } catch {
    return {
      ok: false,
      problems: ["manifest.json: changed (not valid JSON)"],
      manifest: null,
      fingerprint: null,
      checkedFiles: 0,
    };
  }
  let fingerprint: string | null = null;
  try {
    const publicKey = createPublicKey(manifest.signature.publicKeyPem);
    fingerprint = fingerprintOf(publicKey);
    const valid = verify(null, manifestBytes, publicKey, Buffer.from(strFromU8(signatureBytes).trim(), "base64"));
    if (!valid) problems.push("manifest.json: changed (its signature does not match)");
  } catch (error) {
    problems.push(`manifest.sig: cannot be checked (${(error as Error).message})`);
  }
  if (options.expectedFingerprint && fingerprint !== options.expectedFingerprint) {
    problems.push(`signed by key ${fingerprint ?? "?"}, not the expected ${options.expectedFingerprint}`);
  }
  const listed = new Set<string>();
  for (const file of manifest.files ?? []) {
    listed.add(file.path);
    const bytes = entries[file.path];
    if (!bytes) problems.push(`${file.path}: missing`);
    else if (sha256(bytes) !== file.sha256) problems.push(`${file.path}: changed (SHA-256 differs from the manifest)`);
  }
  for (const path of Object.keys(entries).sort()) {
    if (path !== MANIFEST_PATH && path !== SIGNATURE_PATH && !listed.has(path) && !path.endsWith("/")) {
      problems.push(`${path}: added (not in the manifest)`);
    }
  }
  if (manifest.files && contentDigestOf(manifest.files) !== manifest.contentDigest) {
    problems.push("manifest.json: content digest does not match its file list");
  }
  return { ok: problems.length === 0, problems, manifest, fingerprint, checkedFiles: listed.size };
}
