import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../generate";
import { parseSimDate, resolveSimDate } from "./dates";
import { EstateValidationError, parseEstate } from "./schema";
import { EstateStore, mergePatch, parseEstateText } from "./store";

const minimal = {
  accountId: "123456789012",
  regions: ["us-east-1"],
  auditRole: {
    name: "RampartAudit",
    trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
    externalId: "x-1",
  },
};

function validationMessages(data: unknown, source = "estates/bluefin-prod.yaml"): string[] {
  try {
    parseEstate(data, source);
  } catch (error) {
    if (error instanceof EstateValidationError) return error.message.split("\n");
    throw error;
  }
  return [];
}

describe("estate schema", () => {
  it("accepts a minimal estate and fills AWS defaults", () => {
    const estate = parseEstate(minimal, "minimal");
    expect(estate.iam.passwordPolicy).toBeNull();
    expect(estate.root.mfa).toBe("virtual");
    expect(estate.organization).toBeNull();
    expect(estate.auditRole.deniedActions).toEqual([]);
  });

  it("names the file and the path of a bad date", () => {
    const users = [0, 1, 2].map((position) => ({ name: `u${position}`, createdAt: "-10d" }));
    const data = {
      ...minimal,
      iam: { users: [...users, { name: "u3", createdAt: "-10d", accessKeys: [{ lastRotated: "last tuesday" }] }] },
    };
    expect(validationMessages(data)).toEqual([
      "estates/bluefin-prod.yaml: iam.users[3].accessKeys[0].lastRotated: Invalid date",
    ]);
  });

  it("rejects misspelt fields instead of ignoring them", () => {
    const messages = validationMessages({
      ...minimal,
      s3: { buckets: [{ name: "my-bucket", versionning: "Enabled" }] },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^estates\/bluefin-prod\.yaml: s3\.buckets\[0\]: Unrecognized key: "versionning"/);
  });

  it("reports every invalid field at once", () => {
    const messages = validationMessages({ ...minimal, accountId: "12", regions: ["moon-1"] });
    expect(messages).toEqual([
      "estates/bluefin-prod.yaml: accountId: Account id must be 12 digits",
      "estates/bluefin-prod.yaml: regions[0]: Invalid region",
    ]);
  });

  it("validates every demo estate", () => {
    // The seven original demo accounts, Bluefin's management account, and its unmonitored analytics member.
    const directory = path.join(import.meta.dirname, "..", "estates", "demo");
    const files = readdirSync(directory).filter((file) => file.endsWith(".yaml"));
    expect(files.length).toBe(9);
    for (const file of files) {
      expect(() =>
        parseEstate(parseEstateText(readFileSync(path.join(directory, file), "utf8"), file), file),
      ).not.toThrow();
    }
  });

  it("validates generated estates", () => {
    const estate = parseEstate(
      generateEstate({ users: 50, findings: 200, configEvaluations: 100, seed: 9 }),
      "generated",
    );
    expect(estate.iam.users).toHaveLength(50);
    expect(estate.inspector.findings).toHaveLength(200);
    expect(estate.config.rules.flatMap((rule) => rule.evaluations)).toHaveLength(100);
  });

  it("refuses two files claiming the same account", () => {
    const store = new EstateStore();
    store.put(minimal, "a.yaml");
    expect(() => store.put(minimal, "b.yaml")).toThrow(
      /b\.yaml: accountId: 123456789012 is already defined by a\.yaml/,
    );
  });
});

describe("estate dates", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");

  it.each([
    ["-120d", "2026-02-01T12:00:00.000Z"],
    ["+30d", "2026-07-01T12:00:00.000Z"],
    ["-19h30m", "2026-05-31T16:30:00.000Z"],
    ["-75d+1h", "2026-03-18T13:00:00.000Z"],
    ["now", "2026-06-01T12:00:00.000Z"],
    ["2025-01-15", "2025-01-15T00:00:00.000Z"],
    ["2025-01-15T09:30:00Z", "2025-01-15T09:30:00.000Z"],
  ])("resolves %s", (text, expected) => {
    const parsed = parseSimDate(text);
    expect(parsed).toBeDefined();
    expect(resolveSimDate(parsed as NonNullable<typeof parsed>, now).toISOString()).toBe(expected);
  });

  it.each(["yesterday", "120d", "-d", "2025-13-45", ""])("rejects %j", (text) => {
    expect(parseSimDate(text)).toBeUndefined();
  });
});

describe("merge patch", () => {
  it("merges objects, replaces arrays and deletes with null", () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1], e: 1 }, { a: { b: 3 }, d: [2], e: null })).toEqual({
      a: { b: 3, c: 2 },
      d: [2],
    });
  });
});
