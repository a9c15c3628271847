// The driver adapter used by the Prisma CLI (migrate dev/deploy/reset/status) on the offline
// WebAssembly schema engine. Two upstream defects of adapter-pg 6.19 (prisma/orm#27403) are
// worked around here; see docs/decisions/001-offline-prisma-engine.md.
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

export function createCliAdapter(connectionString: string) {
  // Defect 2: discrete fields, never a connectionString, so a shadow pool can change `database`.
  const fields = connectionFields(connectionString);
  const factory = new PrismaPg(patchedPool(fields), { disposeExternalPool: true });

  factory.connectToShadowDb = async () => {
    const admin = new pg.Client(fields);
    await admin.connect();
    const database = `prisma_shadow_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = await new PrismaPg(patchedPool({ ...fields, database }), { disposeExternalPool: true }).connect();
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
