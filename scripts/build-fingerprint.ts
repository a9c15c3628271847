import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// "Build if needed": the production build is reused while no source file that goes into it changed.
const SOURCE_ROOTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const FINGERPRINT_FILE = path.join(".next", "rampart-source-fingerprint");

function walk(entry: string, files: string[]): void {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const child of readdirSync(entry)) if (child !== "node_modules") walk(path.join(entry, child), files);
  } else {
    files.push(entry);
  }
}

export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS) walk(root, files);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    const stat = statSync(file);
    hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function isBuildCurrent(): boolean {
  if (!existsSync(path.join(".next", "BUILD_ID")) || !existsSync(FINGERPRINT_FILE)) return false;
  return readFileSync(FINGERPRINT_FILE, "utf8") === sourceFingerprint();
}

export { FINGERPRINT_FILE };
