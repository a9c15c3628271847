import { generateKeyPairSync } from "node:crypto";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sealPack, verifyPack } from "./manifest";
import { fingerprintOf } from "./signing-key";

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const key = { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
const header = { customer: "acme", asOf: "2026-10-01T00:00:00.000Z", period: { from: "2026-07-01", to: "2026-10-01" } };
const files = [
  { path: "report.pdf", bytes: strToU8("%PDF-1.3 pretend") },
  { path: "pack.json", bytes: strToU8('{"a":1}\n') },
  { path: "csv/results.csv", bytes: strToU8("control_id\nROOT-1\n") },
];
const fixed = new Date("2026-10-01T00:00:00Z");

function seal(generatedAt = "2026-12-06T05:00:00.000Z") {
  return sealPack(files, header, { generatedBy: "Ann", generatedAt }, key, fixed);
}

/** The pack with one entry's bytes replaced, re-zipped as a tamperer would. */
function rezip(zip: Uint8Array, change: (entries: Record<string, Uint8Array>) => void) {
  const entries = unzipSync(zip);
  change(entries);
  return zipSync(entries);
}

describe("evidence pack manifest", () => {
  it("lists every file with its SHA-256, sorted, and verifies", () => {
    const { zip, manifest } = seal();
    expect(manifest.files.map((file) => file.path)).toEqual(["csv/results.csv", "pack.json", "report.pdf"]);
    expect(manifest.signature.fingerprint).toBe(fingerprintOf(publicKey));
    const report = verifyPack(zip);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkedFiles).toBe(3);
  });

  it("has the same content digest whoever generates it and when", () => {
    expect(seal("2026-12-06T05:00:00.000Z").manifest.contentDigest).toBe(
      seal("2027-01-01T00:00:00.000Z").manifest.contentDigest,
    );
  });

  it("names a file changed by one byte", () => {
    const tampered = rezip(seal().zip, (entries) => {
      const bytes = new Uint8Array(entries["pack.json"]!);
      bytes[2] = bytes[2]! ^ 1;
      entries["pack.json"] = bytes;
    });
    const report = verifyPack(tampered);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(["pack.json: changed (SHA-256 differs from the manifest)"]);
  });

  it("fails when the manifest is edited to match a changed file", () => {
    const tampered = rezip(seal().zip, (entries) => {
      entries["manifest.json"] = strToU8(new TextDecoder().decode(entries["manifest.json"]).replace("Ann", "Bob"));
    });
    const report = verifyPack(tampered);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain("manifest.json: changed (its signature does not match)");
  });

  it("names added and missing files, and a key that is not the expected one", () => {
    const tampered = rezip(seal().zip, (entries) => {
      delete entries["csv/results.csv"];
      entries["extra.txt"] = strToU8("x");
    });
    expect(verifyPack(tampered).problems).toEqual([
      "csv/results.csv: missing",
      "extra.txt: added (not in the manifest)",
    ]);
    expect(verifyPack(seal().zip, { expectedFingerprint: "0000" }).ok).toBe(false);
  });

  it("refuses something that is not a zip", () => {
    expect(verifyPack(strToU8("not a zip")).ok).toBe(false);
  });
});
