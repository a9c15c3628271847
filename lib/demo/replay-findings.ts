import type { CollectedFinding, CollectorDefinition } from "../aws/types";
import { findingContentHash } from "../collectors/persist-findings";
import type { PrismaClient } from "../db/client";
import type { InMemoryCollection } from "../evaluation/collected-evidence";

// The findings side of the demo's history (issue 19 §10). The live sync stamps every finding it meets
// with firstSeenAt = now, so after `npm start` every demo finding was "opened" today and none was ever
// resolved: the Trends chart of findings opened vs resolved (FindingDayCount, ADR 018) was empty for
// 12 of 13 weeks. The history replay collects each account on its past days anyway; this module reads
// the findings of those collections in order, as weekly syncs would have met them, and writes what those
// syncs would have left: a finding's firstSeenAt moved back to the first replayed collection that saw it,
// and a finding fixed during the window (absent from a later complete collection) stored RESOLVED on that
// day. The rollup's triggers count both, so the chart follows from the rows alone.

/** One collection's findings, per source and region (the unit a sync resolves absent findings in). */
export interface CollectedFindingSet {
  collectedAt: Date;
  groups: Map<string, { complete: boolean; findings: Map<string, CollectedFinding> }>;
}

const groupKey = (source: string, region: string) => `${source}|${region}`;

/**
 * The findings a collection held, grouped as the sync persists them: every source the collector reports
 * completely, even with no finding (an empty region resolves its findings), complete when no call failed.
 * A failed step is left out: absence there proves nothing.
 */
export function findingSetOf(
  collection: InMemoryCollection,
  collectors: readonly Pick<CollectorDefinition, "key" | "findingSources">[],
): CollectedFindingSet {
  const groups: CollectedFindingSet["groups"] = new Map();
  if (collection.runFailure) return { collectedAt: collection.collectedAt, groups };
  for (const step of collection.steps) {
    const findings = step.output?.findings;
    if (!step.output || !findings) continue;
    const complete = (step.output.failedCalls ?? []).length === 0;
    const sources = collectors.find((collector) => collector.key === step.collector)?.findingSources ?? [];
    for (const source of sources) groups.set(groupKey(source, step.region), { complete, findings: new Map() });
    for (const finding of findings) {
      const key = groupKey(finding.source, step.region);
      const group = groups.get(key) ?? { complete, findings: new Map() };
      group.findings.set(finding.externalKey, finding);
      groups.set(key, group);
    }
  }
  return { collectedAt: collection.collectedAt, groups };
}

export interface FindingHistoryEntry {
  finding: CollectedFinding;
  region: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** The first complete collection after its last sighting that no longer held it; null = still open. */
  resolvedAt: Date | null;
}

/** Walks the collections oldest first, as successive syncs would: first sighting, last sighting, fix. */
export function findingHistory(sets: readonly CollectedFindingSet[]): FindingHistoryEntry[] {
  const entries = new Map<string, FindingHistoryEntry>();
  const ordered = [...sets].sort((a, b) => a.collectedAt.getTime() - b.collectedAt.getTime());
  for (const set of ordered) {
    for (const [key, group] of set.groups) {
      const [source, region] = key.split("|") as [string, string];
      for (const finding of group.findings.values()) {
        const id = `${source}|${finding.externalKey}`;
        const entry = entries.get(id);
        if (entry) Object.assign(entry, { finding, lastSeenAt: set.collectedAt, resolvedAt: null });
        else
          entries.set(id, {
            finding,
            region,
            firstSeenAt: set.collectedAt,
            lastSeenAt: set.collectedAt,
            resolvedAt: null,
          });
      }
      if (!group.complete) continue;
      for (const [id, entry] of entries) {
        if (entry.resolvedAt || entry.region !== region || !id.startsWith(`${source}|`)) continue;
        if (!group.findings.has(entry.finding.externalKey)) entry.resolvedAt = set.collectedAt;
      }
    }
  }
  return [...entries.values()];
}

/**
 * Writes one account's finding history next to the live sync's rows: an earlier first sighting moves a
 * row's firstSeenAt back (never forward); a finding the live rows do not hold was fixed before today's
 * sync, and is stored RESOLVED (on its fix day, or `now` when the last replayed day still saw it).
 * Idempotent: a rerun finds the same rows and changes nothing.
 */
export async function writeFindingHistory(
  client: PrismaClient,
  account: { id: string; customerId: string },
  sets: readonly CollectedFindingSet[],
  now: Date,
): Promise<{ backdated: number; resolved: number }> {
  const history = findingHistory(sets);
  if (history.length === 0) return { backdated: 0, resolved: 0 };
  return client.$transaction(
    async (tx) => {
      const existing = await tx.finding.findMany({
        where: { awsAccountId: account.id },
        select: { id: true, source: true, externalKey: true, firstSeenAt: true },
      });
      const byKey = new Map(existing.map((row) => [`${row.source}|${row.externalKey}`, row]));
      let backdated = 0;
      const resolvedRows = [];
      for (const entry of history) {
        const row = byKey.get(`${entry.finding.source}|${entry.finding.externalKey}`);
        if (row) {
          if (entry.firstSeenAt < row.firstSeenAt) {
            await tx.finding.update({ where: { id: row.id }, data: { firstSeenAt: entry.firstSeenAt } });
            backdated += 1;
          }
          continue;
        }
        const resolvedAt = entry.resolvedAt ?? now;
        resolvedRows.push({
          customerId: account.customerId,
          awsAccountId: account.id,
          source: entry.finding.source,
          externalKey: entry.finding.externalKey,
          title: entry.finding.title,
          severity: entry.finding.severity,
          status: "RESOLVED" as const,
          region: entry.region,
          resourceType: entry.finding.resourceType ?? null,
          resourceId: entry.finding.resourceId ?? null,
          details: JSON.parse(JSON.stringify(entry.finding.details)),
          contentHash: findingContentHash(entry.finding),
          firstSeenAt: entry.firstSeenAt,
          lastSeenAt: resolvedAt,
          resolvedAt,
          observedAt: entry.finding.observedAt ?? null,
        });
      }
      if (resolvedRows.length > 0) await tx.finding.createMany({ data: resolvedRows, skipDuplicates: true });
      return { backdated, resolved: resolvedRows.length };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
