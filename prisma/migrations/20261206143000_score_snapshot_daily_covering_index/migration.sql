-- Trends reads each customer's DAILY snapshots over a window (carried forward), for every customer in view:
-- 45,000 rows for a manager over 90 days of 500 customers. The ("customerId", scope, day) index also walks
-- the SYNC snapshots of the same days and then the heap for the values; this one is exact on the kind and
-- carries the four values Trends reads, so those reads are index-only scans (issue 13, ADR 018).
-- Prisma's schema cannot say INCLUDE, so it lives here only; a schema-to-schema diff (npm run db:diff)
-- leaves it alone.
CREATE INDEX "ScoreSnapshot_customerId_scope_kind_day_idx" ON "ScoreSnapshot" ("customerId", "scope", "kind", "day")
  INCLUDE ("score", "failed", "failingCritical", "failingHigh");
