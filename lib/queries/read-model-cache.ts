import "server-only";
import { db } from "../db/client";

// A per-customer cache of read models that change only when the rows behind them change (ADR 027): the
// scorecard's results and snapshots, the portfolio's scores and trend. Each entry is one customer's data,
// tagged with the customer's ReadModelVersion — a stamp statement triggers bump in the same transaction as
// every write to ControlResult, ScoreSnapshot and AwsAccount (evaluation, demo replay, factories, account
// settings, deletes). Every request reads the stamps (one index probe per customer) and recomputes what
// changed, so several `next start` processes never answer from a stale entry.
//
// SECURITY: the cache is keyed by customer, never by actor, and holds nothing that depends on who asks.
// Callers read it only for customer ids a scoped query (customerScope/withCustomerIdScope) has just
// returned for this actor: authorization runs on every request before the cache is read.

/** One customer's stamp; "0" for a customer none of whose tracked rows was ever written. */
export async function readModelVersions(customerIds: readonly string[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>(customerIds.map((id) => [id, "0"]));
  if (customerIds.length === 0) return versions;
  const rows = await db().$queryRaw<{ customerId: string; version: string }[]>`
    SELECT "customerId", "version"::text AS "version"
    FROM "ReadModelVersion"
    WHERE "customerId" = ANY(${[...customerIds]}::text[])`;
  for (const row of rows) versions.set(row.customerId, row.version);
  return versions;
}

/**
 * Per customer, its ReadModelVersion and its FINDINGS and ALERTS stamps (ReadModelSourceVersion, ADR 030) as
 * one string, for entries that depend on findings and alerts as well as on scores; one query for all of them.
 */
export async function readModelVersionsWithFindingsAndAlerts(
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const versions = new Map<string, string>(customerIds.map((id) => [id, "0:0:0"]));
  if (customerIds.length === 0) return versions;
  const rows = await db().$queryRaw<{ customerId: string; version: string }[]>`
    SELECT c."id" AS "customerId",
           coalesce(v."version", 0) || ':' || coalesce(f."version", 0) || ':' || coalesce(a."version", 0) AS "version"
    FROM unnest(${[...customerIds]}::text[]) AS c("id")
    LEFT JOIN "ReadModelVersion" v ON v."customerId" = c."id"
    LEFT JOIN "ReadModelSourceVersion" f ON f."customerId" = c."id" AND f."source" = 'FINDINGS'
    LEFT JOIN "ReadModelSourceVersion" a ON a."customerId" = c."id" AND a."source" = 'ALERTS'`;
  for (const row of rows) versions.set(row.customerId, row.version);
  return versions;
}

interface Entry<T> {
  customerId: string;
  variant: string;
  version: string;
  value: T;
}

/**
 * A bounded, process-local map of (customer, variant) → value at a version. `variant` carries whatever
 * else the value depends on (the trend window's days); least recently used entries go first.
 */
export class CustomerReadModelCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxEntries: number,
    /** Where the entries' versions come from: ReadModelVersion unless the values read more (ADR 030). */
    private readonly versionsOf: (customerIds: readonly string[]) => Promise<Map<string, string>> = readModelVersions,
  ) {}

  /**
   * The values of `customerIds` (already scoped by the caller), from the cache where the stored version is
   * the current one, computed for the rest. The versions are read before computing, so a write that
   * commits meanwhile leaves an entry tagged older than its data, recomputed at the next request.
   */
  async getMany(
    customerIds: readonly string[],
    variant: string,
    compute: (customerIds: string[]) => Promise<Map<string, T>>,
    fallback: () => T,
  ): Promise<Map<string, T>> {
    const versions = await this.versionsOf(customerIds);
    const result = new Map<string, T>();
    const missing: string[] = [];
    for (const customerId of customerIds) {
      const key = `${customerId}\u0000${variant}`;
      const entry = this.entries.get(key);
      if (entry && entry.version === versions.get(customerId) && entry.customerId === customerId) {
        markUsed(this.entries, key, entry);
        result.set(customerId, entry.value);
      } else missing.push(customerId);
    }
    if (missing.length > 0) {
      const computed = await compute(missing);
      for (const customerId of missing) {
        const value = computed.get(customerId) ?? fallback();
        result.set(customerId, value);
        this.set({ customerId, variant, version: versions.get(customerId) ?? "0", value });
      }
    }
    return result;
  }

  async get(customerId: string, variant: string, compute: () => Promise<T>): Promise<T> {
    const values = await this.getMany(
      [customerId],
      variant,
      async () => new Map([[customerId, await compute()]]),
      () => {
        throw new Error("unreachable: compute returned the customer's value");
      },
    );
    return values.get(customerId)!;
  }

  /** Entries held; for tests. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private set(entry: Entry<T>): void {
    remember(this.entries, `${entry.customerId}\u0000${entry.variant}`, entry, this.maxEntries);
  }
}

/** The stamp sources a scope fingerprint covers besides ReadModelVersion (ReadModelSourceVersion.source). */
type StampSource = "FINDINGS" | "ALERTS" | "SYNC_RUNS";

/**
 * One value for a whole set of customers: a digest of each customer's id, name and slug (read live, in the same
 * statement), its ReadModelVersion and its `sources` stamps, computed in PostgreSQL in one statement that returns
 * one row (ADR 031). Any write those stamps cover, to any of the customers, changes it; so do a rename and a
 * customer joining or leaving the set. Names and slugs are length-prefixed, so no name can pass for another field.
 */
async function scopeFingerprint(customerIds: readonly string[], sources: readonly StampSource[]): Promise<string> {
  if (customerIds.length === 0) return "empty";
  const rows = await db().$queryRaw<{ fingerprint: string }[]>`
    WITH "ids" AS (SELECT unnest(${[...customerIds]}::text[]) AS "id")
    SELECT md5(string_agg(
             i."id" || ':' || coalesce(length(c."name") || '.' || c."name" || ':' || length(c."slug") || '.' || c."slug", '-')
               || ':' || coalesce(v."version", 0) || ':' || coalesce(s."versions", ''),
             ',' ORDER BY i."id")) AS "fingerprint"
    FROM "ids" i
    LEFT JOIN "Customer" c ON c."id" = i."id"
    LEFT JOIN "ReadModelVersion" v ON v."customerId" = i."id"
    LEFT JOIN (
      SELECT "customerId", string_agg("source" || '=' || "version", ';' ORDER BY "source") AS "versions"
      FROM "ReadModelSourceVersion"
      WHERE "customerId" IN (SELECT "id" FROM "ids") AND "source" = ANY(${[...sources]}::text[])
      GROUP BY "customerId"
    ) s ON s."customerId" = i."id"`;
  return rows[0]?.fingerprint ?? "empty";
}

/**
 * The same digest over every active customer (not archived), read straight from Customer: for actors whose scope
 * is every customer, so their requests need not read 5,000 ids and send them back (ADR 031).
 */
async function everyActiveCustomerFingerprint(sources: readonly StampSource[]): Promise<string> {
  const rows = await db().$queryRaw<{ fingerprint: string | null }[]>`
    SELECT md5(string_agg(
             c."id" || ':' || length(c."name") || '.' || c."name" || ':' || length(c."slug") || '.' || c."slug"
               || ':' || coalesce(v."version", 0) || ':' || coalesce(s."versions", ''),
             ',' ORDER BY c."id")) AS "fingerprint"
    FROM "Customer" c
    LEFT JOIN "ReadModelVersion" v ON v."customerId" = c."id"
    LEFT JOIN (
      SELECT "customerId", string_agg("source" || '=' || "version", ';' ORDER BY "source") AS "versions"
      FROM "ReadModelSourceVersion"
      WHERE "source" = ANY(${[...sources]}::text[])
      GROUP BY "customerId"
    ) s ON s."customerId" = c."id"
    WHERE c."archivedAt" IS NULL`;
  return rows[0]?.fingerprint ?? "empty";
}

interface ScopeEntry<T> {
  /** The exact customers the value was computed for; null for the every-customer scope. */
  ids: ReadonlySet<string> | null;
  value: T;
}

/**
 * A memo of values assembled over a whole scope's customers (the portfolio's rows, the trends' sums), on top
 * of the per-customer caches: at 5,000 customers, reading and combining 5,000 per-customer entries costs more
 * than the page itself (ADR 031). Keyed by a variant and the fingerprint of the scope's customer ids and their
 * stamps, read BEFORE computing: a write that commits meanwhile changes the fingerprint the next request reads,
 * so an entry tagged with the older one is never served again.
 *
 * The value may hold the customers' names and slugs: the fingerprint covers them, so the caller need not read them
 * on a hit. SECURITY: the value depends only on the customer ids (never on the actor), and an entry is returned only for
 * exactly the ids it was computed for (compared id by id, not trusted to the digest): a consultant of two
 * customers never gets the entry a manager of all of them filled, nor the other way round.
 */
export class ScopeReadModelMemo<T> {
  private readonly entries = new Map<string, ScopeEntry<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly sources: readonly StampSource[],
  ) {}

  async get(
    customerIds: readonly string[],
    variant: string,
    compute: (customerIds: readonly string[]) => Promise<T>,
  ): Promise<T> {
    const fingerprint = await scopeFingerprint(customerIds, this.sources);
    const key = `ids\u0000${variant}\u0000${fingerprint}`;
    const entry = this.entries.get(key);
    if (entry?.ids && sameIds(entry.ids, customerIds)) {
      markUsed(this.entries, key, entry);
      return entry.value;
    }
    const value = await compute(customerIds);
    remember(this.entries, key, { ids: new Set(customerIds), value }, this.maxEntries);
    return value;
  }

  /**
   * The value for an actor whose scope is every customer (customerScope(actor).kind === "all", checked by the
   * caller): validated by the digest of every active customer, under keys no narrower scope reads. `compute` runs
   * the actor's scoped query itself, so what is shown is still what the policy lets this actor see.
   */
  async getForEveryCustomer(variant: string, compute: () => Promise<T>): Promise<T> {
    const fingerprint = await everyActiveCustomerFingerprint(this.sources);
    const key = `every-customer\u0000${variant}\u0000${fingerprint}`;
    const entry = this.entries.get(key);
    if (entry) {
      markUsed(this.entries, key, entry);
      return entry.value;
    }
    const value = await compute();
    remember(this.entries, key, { ids: null, value }, this.maxEntries);
    return value;
  }

  /** Entries held; for tests. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

// Both caches are least-recently-used maps: a Map keeps insertion order, so the most recently used entry is
// re-inserted last and the first key is the one to drop.

/** Moves a hit to the most recently used end. */
function markUsed<V>(entries: Map<string, V>, key: string, entry: V): void {
  entries.delete(key);
  entries.set(key, entry);
}

/** Stores an entry as the most recently used, then drops the least recently used beyond `maxEntries`. */
function remember<V>(entries: Map<string, V>, key: string, entry: V, maxEntries: number): void {
  markUsed(entries, key, entry);
  while (entries.size > maxEntries) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

function sameIds(held: ReadonlySet<string>, customerIds: readonly string[]): boolean {
  if (held.size !== customerIds.length) return false;
  for (const id of customerIds) if (!held.has(id)) return false;
  return true;
}
