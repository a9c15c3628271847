import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm run onboarding:template` validates its arguments before touching a database.
function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/onboarding-template.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, RAMPART_PRINCIPAL_ARN: "arn:aws:iam::999999999999:role/rampart", ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run onboarding:template arguments", () => {
  it.each([
    [[], "--customer <slug> is required"],
    [["--customer", "Bad Slug!", "--format", "terraform", "--out", "x"], "--customer takes the customer's slug"],
    [
      ["--customer", "acme", "--format", "pulumi", "--out", "x"],
      "--format must be one of cloudformation, stackset, terraform",
    ],
    [["--customer", "acme", "--format", "stackset"], "--out <dir> is required"],
    [["--customer", "acme", "--bogus"], "Unknown option '--bogus'"],
  ])("%j is refused with a clear message", { timeout: 30_000 }, (args, message) => {
    const { status, output } = run(args);
    expect(output).toContain(message);
    expect(output).toContain("Usage: npm run onboarding:template");
    expect(status).toBe(2);
  });
});
