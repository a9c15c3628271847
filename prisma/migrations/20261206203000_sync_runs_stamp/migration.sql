-- ADR 031: a SYNC_RUNS stamp per customer in ReadModelSourceVersion (ADR 030's table), bumped in the same
-- transaction as every write to "SyncRun" the portfolio reads: a run created or deleted, or its status,
-- finishedAt, queuedAt, account or customer changed. Heartbeats (heartbeatAt, every few seconds while a run is
-- RUNNING), counts, steps and evaluatedAt do not bump it. No schema change: the source is a TEXT column.

-- Inserts and deletes: statement triggers with transition tables, one grouped upsert per statement (ADR 030's
-- function, the source as its argument).
CREATE TRIGGER "read_model_source_version_insert" AFTER INSERT ON "SyncRun"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_source_version_bump"('SYNC_RUNS');
CREATE TRIGGER "read_model_source_version_delete" AFTER DELETE ON "SyncRun"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_source_version_bump"('SYNC_RUNS');

-- Updates: PostgreSQL allows no transition table on an UPDATE OF <columns> trigger, so a row trigger, fired only
-- when one of the columns read actually changed (its WHEN clause is checked before the function is called, so a
-- heartbeat costs nothing). A run moved to another customer bumps both.
CREATE FUNCTION "read_model_sync_runs_row_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadModelSourceVersion" AS t ("customerId", "source", "version", "changedAt")
  SELECT "customerId", 'SYNC_RUNS', nextval('"ReadModelVersion_seq"'), now()
  FROM (SELECT DISTINCT "customerId" FROM (VALUES (OLD."customerId"), (NEW."customerId")) AS v("customerId") ORDER BY 1) d
  ON CONFLICT ("customerId", "source") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  RETURN NULL;
END
$$;

CREATE TRIGGER "read_model_sync_runs_update" AFTER UPDATE OF "status", "finishedAt", "queuedAt", "awsAccountId", "customerId"
  ON "SyncRun" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."finishedAt" IS DISTINCT FROM NEW."finishedAt"
        OR OLD."queuedAt" IS DISTINCT FROM NEW."queuedAt" OR OLD."awsAccountId" IS DISTINCT FROM NEW."awsAccountId"
        OR OLD."customerId" IS DISTINCT FROM NEW."customerId")
  EXECUTE FUNCTION "read_model_sync_runs_row_bump"();
