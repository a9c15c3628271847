import type { TestProject } from "vitest/node";
import { ensureTemplate, startTestServer } from "./test-database";

// Vitest integration project: one PostgreSQL for the run (embedded unless DATABASE_URL is set)
// and one migrated template; per-file-database.ts clones it for each test file.
export default async function setup(project: TestProject) {
  // Throwaway databases: no fsync (lib/db/embedded.ts).
  const server = await startTestServer({ durable: false });
  const template = await ensureTemplate(server.adminUrl);
  project.provide("testDatabaseAdminUrl", server.adminUrl);
  project.provide("testDatabaseTemplate", template);
  return async () => {
    await server.embedded?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
    testDatabaseTemplate: string;
  }
}
