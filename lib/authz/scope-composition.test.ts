import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Actor, withCustomerIdScope, withCustomerScope } from "./policy";

// SECURITY: spreading a scope helper into a where that names its own id/customerId lets the scope's
// `in` list replace that id (the query then answers for any id). Composition must go through AND.

const SPREAD = /\.\.\.\s*customer(Id)?Where\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "generated" || entry === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

function findScopeSpreads(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    text.split("\n").flatMap((line, index) => (SPREAD.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe("scope composition", () => {
  it("no source file spreads customerWhere() or customerIdWhere() into a where", () => {
    const files = ["lib", "app", "components"]
      .flatMap((dir) => sourceFiles(dir))
      .map((file) => ({ file, text: readFileSync(file, "utf8") }));
    expect(findScopeSpreads(files)).toEqual([]);
  });

  it("the check catches a spread", () => {
    expect(findScopeSpreads([{ file: "x.ts", text: "where: { id, ...customerIdWhere(actor) }" }])).toHaveLength(1);
  });

  it("AND keeps the caller's id and the scope side by side", () => {
    const viewer: Actor = {
      userId: "u",
      email: "e",
      name: "n",
      role: "CUSTOMER_VIEWER",
      customerId: "own",
      allCustomers: false,
      assignedCustomerIds: [],
    };
    expect(withCustomerIdScope(viewer, { id: "other" })).toEqual({ AND: [{ id: "other" }, { id: { in: ["own"] } }] });
    expect(withCustomerScope(viewer, { customerId: "other" })).toEqual({
      AND: [{ customerId: "other" }, { customerId: { in: ["own"] } }],
    });
  });
});
