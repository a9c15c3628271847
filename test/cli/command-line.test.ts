import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each case starts a tsx process: seconds on a loaded 2-core machine, so allow more than the default 5 s.
const SPAWN_TIMEOUT_MS = 60_000;

// `npm run sync` validates its arguments before touching a database or AWS.
function runSync(args: string[]) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/sync.ts", ...args], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run sync arguments", { timeout: SPAWN_TIMEOUT_MS }, () => {
  it.each([
    [[], "Give exactly one of --customer <slug>, --account <12-digit account id> or --all"],
    [["--account", "12345"], "An AWS account ID is exactly 12 digits"],
    [["--customer", "Bad Slug!"], "A customer slug is lower-case letters, digits and dashes"],
    [["--all", "--customer", "x"], "Give exactly one of"],
  ])("%j is refused with a clear message", (args, message) => {
    const { status, output } = runSync(args);
    expect(status).toBe(2);
    expect(output).toContain(message);
  });
});

describe("npm run admin:create arguments", { timeout: SPAWN_TIMEOUT_MS }, () => {
  it.each([
    [[], "Give the administrator's e-mail address with --email"],
    [["--email", "not-an-address", "--name", "Ann Admin"], "Give a valid e-mail address with --email"],
    [["--email", "ann@acme.example"], "Give the administrator's name with --name"],
  ])("%j is refused with a clear message", (args, message) => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/create-admin.ts", ...args], {
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toContain(message);
  });

  it("refuses a password that breaks the rules before touching any database", () => {
    const result = spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["scripts/create-admin.ts", "--email", "ann@acme.example", "--name", "Ann Admin"],
      { encoding: "utf8", env: { ...process.env, RAMPART_ADMIN_PASSWORD: "short" } },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/at least 12/);
  });
});
