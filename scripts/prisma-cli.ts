import { spawn } from "node:child_process";
import path from "node:path";

// Runs the Prisma CLI with DATABASE_URL set (the CLI's driver adapter in prisma.config.ts reads it).
export function runPrisma(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}): Promise<void> {
  const bin = path.resolve("node_modules", ".bin", "prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code})\n${output.trim()}`)),
    );
  });
}

/** `prisma generate` needs a syntactically valid DATABASE_URL even though it never connects. */
export const GENERATE_PLACEHOLDER_URL = "postgresql://generate:generate@127.0.0.1:1/generate";

/** Runs the Prisma CLI and returns its standard output (for `migrate diff --script`). */
export function capturePrisma(args: string[], databaseUrl: string): Promise<string> {
  const bin = path.resolve("node_modules", ".bin", "prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code})\n${stderr.trim()}`)),
    );
  });
}
