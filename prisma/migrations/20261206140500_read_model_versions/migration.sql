-- ADR 027: a per-customer stamp of the tables behind the cached read models (the scorecard's results and
-- snapshots, the portfolio's scores), bumped by statement triggers in the same transaction as every write,
-- so no writer (evaluation, demo replay, factories, account settings, cascaded deletes) can forget it.
-- The version comes from one sequence: it never repeats, even for a customer deleted and created again.
CREATE TABLE "ReadModelVersion" (
    "customerId" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadModelVersion_pkey" PRIMARY KEY ("customerId")
);

CREATE SEQUENCE "ReadModelVersion_seq";

CREATE FUNCTION "read_model_version_bump_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadModelVersion" AS t ("customerId", "version", "changedAt")
  SELECT "customerId", nextval('"ReadModelVersion_seq"'), now()
  FROM (SELECT DISTINCT "customerId" FROM "new_rows" WHERE "customerId" IS NOT NULL ORDER BY 1) d
  ON CONFLICT ("customerId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  RETURN NULL;
END
$$;

CREATE FUNCTION "read_model_version_bump_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadModelVersion" AS t ("customerId", "version", "changedAt")
  SELECT "customerId", nextval('"ReadModelVersion_seq"'), now()
  FROM (SELECT DISTINCT "customerId" FROM "old_rows" WHERE "customerId" IS NOT NULL ORDER BY 1) d
  ON CONFLICT ("customerId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  RETURN NULL;
END
$$;

CREATE FUNCTION "read_model_version_bump_both"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadModelVersion" AS t ("customerId", "version", "changedAt")
  SELECT "customerId", nextval('"ReadModelVersion_seq"'), now()
  FROM (
    SELECT "customerId" FROM "new_rows" WHERE "customerId" IS NOT NULL
    UNION
    SELECT "customerId" FROM "old_rows" WHERE "customerId" IS NOT NULL
    ORDER BY 1
  ) d
  ON CONFLICT ("customerId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  RETURN NULL;
END
$$;

CREATE TRIGGER "read_model_version_insert" AFTER INSERT ON "ControlResult"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_version_bump_new"();
CREATE TRIGGER "read_model_version_update" AFTER UPDATE ON "ControlResult"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT
  EXECUTE FUNCTION "read_model_version_bump_both"();
CREATE TRIGGER "read_model_version_delete" AFTER DELETE ON "ControlResult"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_version_bump_old"();

CREATE TRIGGER "read_model_version_insert" AFTER INSERT ON "ScoreSnapshot"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_version_bump_new"();
CREATE TRIGGER "read_model_version_update" AFTER UPDATE ON "ScoreSnapshot"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT
  EXECUTE FUNCTION "read_model_version_bump_both"();
CREATE TRIGGER "read_model_version_delete" AFTER DELETE ON "ScoreSnapshot"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_version_bump_old"();

CREATE TRIGGER "read_model_version_insert" AFTER INSERT ON "AwsAccount"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_version_bump_new"();
CREATE TRIGGER "read_model_version_update" AFTER UPDATE ON "AwsAccount"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT
  EXECUTE FUNCTION "read_model_version_bump_both"();
CREATE TRIGGER "read_model_version_delete" AFTER DELETE ON "AwsAccount"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "read_model_version_bump_old"();
