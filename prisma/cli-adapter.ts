// The driver adapter used by the Prisma CLI (migrate dev/deploy/reset/status) on the offline
// WebAssembly schema engine. Two upstream defects of adapter-pg 6.19 (prisma/orm#27403) are
// worked around here; see docs/decisions/001-offline-prisma-engine.md. A third (executeScript splits
// at every ";", dollar-quoted function bodies included) too; see docs/decisions/018-…md.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

// Defect 1: introspection reads catalog columns typed "char" and name, which adapter-pg cannot map.
// Presenting them as text is exactly what they are on the wire.
function presentCatalogTypesAsText<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as QueryResultLike | undefined)?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

function patchClient(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      // Callback form (used by pg.Pool#query internally).
      args[args.length - 1] = (error: unknown, result: unknown) =>
        (last as (e: unknown, r: unknown) => void)(error, error ? result : presentCatalogTypesAsText(result));
      return original(...args);
    }
    const returned = original(...args);
    return returned instanceof Promise ? returned.then(presentCatalogTypesAsText) : returned;
  };
}

function connectionFields(connectionString: string): pg.PoolConfig {
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    ssl: url.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

function patchedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, max: 4 });
  pool.on("connect", patchClient);
  return pool;
}

/**
 * Splits a migration script into statements at the semicolons outside dollar-quoted bodies, quoted
 * strings, quoted identifiers and comments. adapter-pg 6.19's executeScript splits at every ";", which cuts
 * a PL/pgSQL function body (`$$ … ; … $$`) apart (defect 3).
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let index = 0;
  while (index < script.length) {
    const char = script[index]!;
    const next = script[index + 1];
    let skipTo = -1;
    if (char === "-" && next === "-") skipTo = endOf(script.indexOf("\n", index));
    else if (char === "/" && next === "*") skipTo = endOf(script.indexOf("*/", index + 2), 2);
    else if (char === "'" || char === '"') skipTo = endOf(script.indexOf(char, index + 1), 1);
    else if (char === "$") {
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(script.slice(index))?.[0];
      if (tag) skipTo = endOf(script.indexOf(tag, index + tag.length), tag.length);
    } else if (char === ";") {
      statements.push(script.slice(start, index));
      start = index + 1;
    }
    index = skipTo >= 0 ? skipTo : index + 1;
  }
  statements.push(script.slice(start));
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);

  function endOf(found: number, length = 0): number {
    return found < 0 ? script.length : found + length;
  }
}

type ScriptRunner = {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): { query(sql: string): Promise<unknown> };
};

/** Runs each statement of the script whole (see splitSqlScript), with the adapter's own error mapping. */
function runScriptsWhole<T extends object>(adapter: T): T {
  const runner = adapter as unknown as ScriptRunner & { onError(error: unknown): never };
  runner.executeScript = async (script: string) => {
    for (const statement of splitSqlScript(script)) {
      try {
        await runner.underlyingDriver().query(statement);
      } catch (error) {
        runner.onError(error);
      }
    }
  };
  return adapter;
}

export function createCliAdapter(connectionString: string) {
  // Defect 2: discrete fields, never a connectionString, so a shadow pool can change `database`.
  const fields = connectionFields(connectionString);
  const factory = new PrismaPg(patchedPool(fields), { disposeExternalPool: true });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWhole(await connect());

  factory.connectToShadowDb = async () => {
    const admin = new pg.Client(fields);
    await admin.connect();
    const database = `prisma_shadow_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = runScriptsWhole(
      await new PrismaPg(patchedPool({ ...fields, database }), { disposeExternalPool: true }).connect(),
    );
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose(); // ends the shadow pool first, so the DROP does not fight our own sessions
      const dropper = new pg.Client(fields);
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return shadow;
  };
  return factory;
}
