-- Trends reads each customer's DAILY snapshots over a window (carried forward), for every customer in view:
-- 45,000 rows for a manager over 90 days of 500 customers. The ("customerId", scope, day) index also walks
-- the SYNC snapshots of the same days and then the heap for the values; this one is exact on the kind and
-- carries the four values Trends reads, so those reads are index-only scans (issue 13, ADR 018).
-- Prisma's schema cannot say INCLUDE, so it lives here only; a schema-to-schema diff (npm run db:diff)
-- leaves it alone.
CREATE INDEX "ScoreSnapshot_customerId_scope_kind_day_idx" ON "ScoreSnapshot" ("customerId", "scope", "kind", "day")
  INCLUDE ("score", "failed", "failingCritical", "failingHigh");

-- The alert queue's first page (open alerts, most severe and soonest due first, 50 at a time) read in index
-- order instead of sorting every open alert (25,000 of 100,000 in the bench): 126 → 5 ms. Partial, so it holds
-- the open alerts only; Prisma's schema cannot say WHERE either.
CREATE INDEX "Alert_open_severity_dueAt_id_idx" ON "Alert" ("severity", "dueAt", "id")
  WHERE "status" IN ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS');

-- Trends' alert SLA per week: the resolved alerts of the customers in view, by resolution time, with the two
-- times it compares; index-only instead of every resolved alert's heap row (254 → 48 ms for 500 customers).
CREATE INDEX "Alert_resolved_customerId_resolvedAt_idx" ON "Alert" ("customerId", "resolvedAt")
  INCLUDE ("dueAt", "firstSeenAt") WHERE "status" = 'RESOLVED';
