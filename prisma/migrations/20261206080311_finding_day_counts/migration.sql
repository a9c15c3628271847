-- CreateTable
CREATE TABLE "FindingDayCount" (
    "customerId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FindingDayCount_pkey" PRIMARY KEY ("customerId","day")
);

-- Findings opened and resolved per customer and UTC day, kept by statement-level triggers on "Finding" in
-- the same transaction as every write to it (persistFindings' COPY and INSERT … SELECT, updates, cascaded
-- deletes): the rollup is the old computation over the current rows, by construction (ADR 018).
CREATE FUNCTION "finding_day_count_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "FindingDayCount" AS t ("customerId", "day", "opened", "resolved")
  SELECT "customerId", "day", sum("opened")::int, sum("resolved")::int
  FROM (
    SELECT "customerId", "firstSeenAt"::date AS "day", 1 AS "opened", 0 AS "resolved" FROM "new_rows"
    UNION ALL
    SELECT "customerId", "resolvedAt"::date, 0, 1 FROM "new_rows" WHERE "resolvedAt" IS NOT NULL
  ) d
  GROUP BY "customerId", "day"
  ORDER BY "customerId", "day"
  ON CONFLICT ("customerId", "day") DO UPDATE
    SET "opened" = t."opened" + EXCLUDED."opened", "resolved" = t."resolved" + EXCLUDED."resolved";
  RETURN NULL;
END
$$;

CREATE FUNCTION "finding_day_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "FindingDayCount" AS t ("customerId", "day", "opened", "resolved")
  SELECT "customerId", "day", sum("opened")::int, sum("resolved")::int
  FROM (
    SELECT n."customerId", n."firstSeenAt"::date AS "day", 1 AS "opened", 0 AS "resolved"
    FROM "new_rows" n JOIN "old_rows" o USING ("id")
    WHERE (n."customerId", n."firstSeenAt"::date) IS DISTINCT FROM (o."customerId", o."firstSeenAt"::date)
    UNION ALL
    SELECT o."customerId", o."firstSeenAt"::date, -1, 0
    FROM "new_rows" n JOIN "old_rows" o USING ("id")
    WHERE (n."customerId", n."firstSeenAt"::date) IS DISTINCT FROM (o."customerId", o."firstSeenAt"::date)
    UNION ALL
    SELECT n."customerId", n."resolvedAt"::date, 0, 1
    FROM "new_rows" n JOIN "old_rows" o USING ("id")
    WHERE n."resolvedAt" IS NOT NULL
      AND (n."customerId", n."resolvedAt"::date) IS DISTINCT FROM (o."customerId", o."resolvedAt"::date)
    UNION ALL
    SELECT o."customerId", o."resolvedAt"::date, 0, -1
    FROM "new_rows" n JOIN "old_rows" o USING ("id")
    WHERE o."resolvedAt" IS NOT NULL
      AND (n."customerId", n."resolvedAt"::date) IS DISTINCT FROM (o."customerId", o."resolvedAt"::date)
  ) d
  GROUP BY "customerId", "day"
  HAVING sum("opened") <> 0 OR sum("resolved") <> 0
  ORDER BY "customerId", "day"
  ON CONFLICT ("customerId", "day") DO UPDATE
    SET "opened" = t."opened" + EXCLUDED."opened", "resolved" = t."resolved" + EXCLUDED."resolved";
  RETURN NULL;
END
$$;

-- Deleted findings were counted when written, so their rows exist: update only (a customer being deleted
-- cascades here too, and an insert for it would fail its own foreign-key check elsewhere).
CREATE FUNCTION "finding_day_count_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "FindingDayCount" AS t
  SET "opened" = t."opened" - d."opened", "resolved" = t."resolved" - d."resolved"
  FROM (
    SELECT "customerId", "day", sum("opened")::int AS "opened", sum("resolved")::int AS "resolved"
    FROM (
      SELECT "customerId", "firstSeenAt"::date AS "day", 1 AS "opened", 0 AS "resolved" FROM "old_rows"
      UNION ALL
      SELECT "customerId", "resolvedAt"::date, 0, 1 FROM "old_rows" WHERE "resolvedAt" IS NOT NULL
    ) x
    GROUP BY "customerId", "day"
  ) d
  WHERE t."customerId" = d."customerId" AND t."day" = d."day";
  RETURN NULL;
END
$$;

CREATE TRIGGER "finding_day_count_insert" AFTER INSERT ON "Finding"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "finding_day_count_add"();
CREATE TRIGGER "finding_day_count_update" AFTER UPDATE ON "Finding"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT
  EXECUTE FUNCTION "finding_day_count_change"();
CREATE TRIGGER "finding_day_count_delete" AFTER DELETE ON "Finding"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "finding_day_count_remove"();

-- Backfill from the findings already stored.
INSERT INTO "FindingDayCount" ("customerId", "day", "opened", "resolved")
SELECT "customerId", "day", sum("opened")::int, sum("resolved")::int
FROM (
  SELECT "customerId", "firstSeenAt"::date AS "day", 1 AS "opened", 0 AS "resolved" FROM "Finding"
  UNION ALL
  SELECT "customerId", "resolvedAt"::date, 0, 1 FROM "Finding" WHERE "resolvedAt" IS NOT NULL
) d
GROUP BY "customerId", "day";
