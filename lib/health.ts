import packageJson from "../package.json";
import { db } from "./db/client";
import { logger } from "./logger";

export interface Health {
  status: "ok" | "degraded";
  version: string;
  database: { reachable: boolean; latencyMs?: number; error?: string };
  time: string;
}

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return {
      status: "ok",
      version: packageJson.version,
      database: { reachable: true, latencyMs: Math.round(performance.now() - started) },
      time: new Date().toISOString(),
    };
  } catch (error) {
    logger.error({ err: error }, "health check: database unreachable");
    return {
      status: "degraded",
      version: packageJson.version,
      database: { reachable: false, error: "database unreachable" },
      time: new Date().toISOString(),
    };
  }
}
