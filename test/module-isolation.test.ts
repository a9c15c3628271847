import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INTEGRATION_FILES_NEEDING_ISOLATION, UNIT_FILES_NEEDING_ISOLATION } from "./setup/module-isolation";

// The test stages share module graphs between files (--no-isolate): a file that replaces or re-imports
// modules must be listed to run in its own (test/setup/module-isolation.ts), or it leaks its mocks.
const ROOTS = ["app", "components", "lib", "prisma", "scripts", "simulator", "test"];
const REPLACES_MODULES = /\bvi\.(mock|doMock|unmock|resetModules)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : testFiles(file);
    return /\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe("module isolation lists", () => {
  const files = ROOTS.flatMap(testFiles);
  const replacing = files
    .filter((file) => file !== "test/module-isolation.test.ts")
    .filter((file) => REPLACES_MODULES.test(readFileSync(file, "utf8")));

  it("finds the test files", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("lists every unit file that replaces modules, and only those", () => {
    expect(replacing.filter((file) => !file.endsWith(".integration.test.ts")).sort()).toEqual(
      [...UNIT_FILES_NEEDING_ISOLATION].sort(),
    );
  });

  it("lists every integration file that replaces modules, and only those", () => {
    expect(replacing.filter((file) => file.endsWith(".integration.test.ts")).sort()).toEqual(
      [...INTEGRATION_FILES_NEEDING_ISOLATION].sort(),
    );
  });
});
