import { afterAll, inject } from "vitest";
import { closeSqlPool } from "../../lib/db/sql";
import { resetEnvCache } from "../../lib/env";
import { cloneTemplate, databaseUrl, dropDatabase } from "./test-database";

// Each integration test file gets its own database cloned from the migrated template, so files
// never see each other's rows and can run in any order.
const adminUrl = inject("testDatabaseAdminUrl");
const database = await cloneTemplate(adminUrl, inject("testDatabaseTemplate"));
process.env.DATABASE_URL = databaseUrl(adminUrl, database);
resetEnvCache();

afterAll(async () => {
  const holder = globalThis as unknown as { rampartPrisma?: { $disconnect(): Promise<void> } };
  await holder.rampartPrisma?.$disconnect();
  holder.rampartPrisma = undefined;
  await closeSqlPool();
  await dropDatabase(adminUrl, database);
});
