import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { env } from "../env";
import { logger } from "../logger";

// Plain SQL on a pg connection, for the one hot path where Prisma's per-query serialisation costs more
// than the work itself: persisting a sync's findings in bulk (COPY). See
// docs/decisions/006-bulk-sync-persistence-on-pg.md. Everything else goes through Prisma.

export interface SqlClient {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** COPY … FROM STDIN with text-format lines (already escaped with copyField). */
  copyFrom(statement: string, lines: Iterable<string>): Promise<void>;
}

const globalForSql = globalThis as unknown as { rampartSqlPool?: pg.Pool; rampartSqlPoolUrl?: string };

function pool(): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (!globalForSql.rampartSqlPool || globalForSql.rampartSqlPoolUrl !== url) {
    void globalForSql.rampartSqlPool?.end();
    const created = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection dropped by the server (restart, shutdown) must not crash the process; the
    // pool replaces it on next use.
    created.on("error", (error) => logger.warn({ err: error }, "idle database connection lost"));
    globalForSql.rampartSqlPool = created;
    globalForSql.rampartSqlPoolUrl = url;
  }
  return globalForSql.rampartSqlPool;
}

/** Runs fn in one transaction on one connection: all of it commits, or none of it. */
export async function withSqlTransaction<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T> {
  const connection = await pool().connect();
  const sql: SqlClient = {
    query: (text, values) => connection.query(text, values),
    async copyFrom(statement, lines) {
      const stream = connection.query(copyFrom(statement));
      await pipeline(Readable.from(lines), stream);
    },
  };
  try {
    await connection.query("BEGIN");
    const result = await fn(sql);
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

export async function closeSqlPool(): Promise<void> {
  const current = globalForSql.rampartSqlPool;
  globalForSql.rampartSqlPool = undefined;
  await current?.end();
}

/** One field of a COPY text-format line: \N for null, backslash escapes for the rest. */
export function copyField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
