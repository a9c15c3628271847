-- CreateTable
CREATE TABLE "ReadModelSourceVersion" (
    "customerId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadModelSourceVersion_pkey" PRIMARY KEY ("customerId","source")
);

-- ADR 030: per customer and source, a stamp of the rows Trends reads besides scores (findings per day,
-- alerts), bumped by statement triggers in the same transaction as every write, like ReadModelVersion
-- (ADR 027), from the same sequence so a version never repeats. The source is the trigger's argument.
CREATE FUNCTION "read_model_source_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ReadModelSourceVersion" AS t ("customerId", "source", "version", "changedAt")
    SELECT "customerId", TG_ARGV[0], nextval('"ReadModelVersion_seq"'), now()
    FROM (SELECT DISTINCT "customerId" FROM "new_rows" WHERE "customerId" IS NOT NULL ORDER BY 1) d
    ON CONFLICT ("customerId", "source") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ReadModelSourceVersion" AS t ("customerId", "source", "version", "changedAt")
    SELECT "customerId", TG_ARGV[0], nextval('"ReadModelVersion_seq"'), now()
    FROM (
      SELECT "customerId" FROM "new_rows" WHERE "customerId" IS NOT NULL
      UNION
      SELECT "customerId" FROM "old_rows" WHERE "customerId" IS NOT NULL
      ORDER BY 1
    ) d
    ON CONFLICT ("customerId", "source") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  ELSE
    INSERT INTO "ReadModelSourceVersion" AS t ("customerId", "source", "version", "changedAt")
    SELECT "customerId", TG_ARGV[0], nextval('"ReadModelVersion_seq"'), now()
    FROM (SELECT DISTINCT "customerId" FROM "old_rows" WHERE "customerId" IS NOT NULL ORDER BY 1) d
    ON CONFLICT ("customerId", "source") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  END IF;
  RETURN NULL;
END
$$;

-- Findings reach Trends through their per-day rollup, itself kept by triggers on "Finding" (ADR 018): a
-- trigger on the rollup sees one grouped row per customer and day instead of every finding written.
CREATE TRIGGER "read_model_source_version_insert" AFTER INSERT ON "FindingDayCount"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_source_version_bump"('FINDINGS');
CREATE TRIGGER "read_model_source_version_update" AFTER UPDATE ON "FindingDayCount"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT
  EXECUTE FUNCTION "read_model_source_version_bump"('FINDINGS');
CREATE TRIGGER "read_model_source_version_delete" AFTER DELETE ON "FindingDayCount"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_source_version_bump"('FINDINGS');

CREATE TRIGGER "read_model_source_version_insert" AFTER INSERT ON "Alert"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_source_version_bump"('ALERTS');
CREATE TRIGGER "read_model_source_version_update" AFTER UPDATE ON "Alert"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT
  EXECUTE FUNCTION "read_model_source_version_bump"('ALERTS');
CREATE TRIGGER "read_model_source_version_delete" AFTER DELETE ON "Alert"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_source_version_bump"('ALERTS');

-- The alert queue's counters (open, new, past SLA, due soon, mine, unassigned, per severity) in one pass
-- over the open alerts, index-only: 9 bitmap heap scans of 25,000 open alerts on 4,400 pages → one scan of
-- about 210 index pages (ADR 030). Prisma's schema cannot say WHERE or INCLUDE, so it lives here only.
CREATE INDEX "Alert_open_customerId_counts_idx" ON "Alert" ("customerId", "status", "severity", "dueAt")
  INCLUDE ("assigneeId") WHERE "status" IN ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS');

-- The queue's first page (open alerts, most severe and soonest due first, 50 at a time) in index order. The
-- partial index Alert_open_severity_dueAt_id_idx cannot serve Prisma's query: Prisma binds the statuses as
-- CAST($n::text AS "AlertStatus"), which the planner does not fold into constants, so it cannot prove the
-- index's WHERE and sorted all 25,000 open alerts instead (117–160 ms). A full index in the same order, with
-- the status filtered on the way, reads about 430 entries for the first page (3.8 ms) (ADR 030). Declared in
-- the schema too (@@index([severity, dueAt, id])), so a schema diff keeps it.
CREATE INDEX "Alert_severity_dueAt_id_idx" ON "Alert" ("severity", "dueAt", "id");
