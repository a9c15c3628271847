import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient } from "./generated/client";

// One PrismaClient per process, on the driver adapter (the offline WebAssembly query compiler).
// Kept on globalThis so Next's dev reloads do not open a new pool each time.
const globalForPrisma = globalThis as unknown as { rampartPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

export function db(): PrismaClient {
  if (!globalForPrisma.rampartPrisma) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL).");
    globalForPrisma.rampartPrisma = createPrismaClient(url);
  }
  return globalForPrisma.rampartPrisma;
}

/** Disconnects the process's client if one was created (scripts call this on the way out). */
export async function disconnectDb(): Promise<void> {
  const client = globalForPrisma.rampartPrisma;
  globalForPrisma.rampartPrisma = undefined;
  await client?.$disconnect();
}

export type { PrismaClient };
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
