import path from "node:path";
import { env } from "../env";
import {
  checkDatabaseReachable,
  type EmbeddedDatabase,
  embeddedUrl,
  isEmbeddedRunning,
  startEmbeddedPostgres,
} from "./embedded";

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedDatabase | undefined;
}

/**
 * DATABASE_URL when set (checked reachable, no embedded server started); otherwise the embedded
 * PostgreSQL in RAMPART_DATA_DIR with the given database name.
 */
export async function resolveDatabase(
  database = "rampart",
  options: { onLog?: (line: string) => void; attachToRunning?: boolean } = {},
): Promise<ResolvedDatabase> {
  const settings = env();
  if (settings.DATABASE_URL) {
    await checkDatabaseReachable(settings.DATABASE_URL);
    return { url: settings.DATABASE_URL, embedded: undefined };
  }
  if (options.attachToRunning && isEmbeddedRunning(settings.RAMPART_DATA_DIR)) {
    // Another process (npm start) owns the embedded server: use it rather than fail on its lock.
    const url = embeddedUrl(settings.EMBEDDED_PG_PORT, database);
    await checkDatabaseReachable(url);
    return { url, embedded: undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(settings.RAMPART_DATA_DIR),
    port: settings.EMBEDDED_PG_PORT,
    database,
    onLog: options.onLog,
  });
  return { url: embedded.url, embedded };
}
