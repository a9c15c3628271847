// The generated portfolio of `npm run bench:pages`: customers, accounts, a year of score snapshots, current
// control results, one finished sync per account and millions of findings, written with set-based SQL
// (INSERT … SELECT over generate_series) on one connection, so 2,000,000 findings take minutes, not hours.
// Values are pseudo-random but fixed (setseed, hashes of row numbers): every run seeds the same data.
import pg from "pg";

export interface PortfolioSize {
  customers: number;
  /** Customer i gets 1 + (i mod 5) accounts: 3 on average, so accounts = 3 × customers. */
  accounts: number;
  findings: number;
  days: number;
  /** Account syncs per day; each writes an ACCOUNT and a CUSTOMER SYNC snapshot (evaluate-account.ts). */
  syncsPerDay: number;
  /** Alerts over all customers (a quarter open, the rest resolved or suppressed). */
  alerts: number;
  /** Quarterly access reviews per customer, each over 20 IAM users. */
  reviewsPerCustomer: number;
}

export interface SeedTimings {
  [step: string]: number;
}

const CONFIG_RULES = [
  "s3-bucket-public-read-prohibited",
  "s3-bucket-public-write-prohibited",
  "s3-bucket-server-side-encryption-enabled",
  "s3-bucket-ssl-requests-only",
  "s3-bucket-versioning-enabled",
  "ec2-instance-no-public-ip",
  "ec2-ebs-encryption-by-default",
  "encrypted-volumes",
  "restricted-ssh",
  "restricted-common-ports",
  "vpc-default-security-group-closed",
  "vpc-flow-logs-enabled",
  "rds-instance-public-access-check",
  "rds-storage-encrypted",
  "rds-snapshots-public-prohibited",
  "rds-multi-az-support",
  "iam-user-mfa-enabled",
  "iam-password-policy",
  "access-keys-rotated",
  "iam-user-unused-credentials-check",
  "cloudtrail-enabled",
  "cloud-trail-log-file-validation-enabled",
  "cloudwatch-alarm-action-check",
  "kms-cmk-not-scheduled-for-deletion",
  "elb-logging-enabled",
  "alb-http-to-https-redirection-check",
  "lambda-function-public-access-prohibited",
  "dynamodb-pitr-enabled",
  "guardduty-enabled-centralized",
  "required-tags",
];

const NAME_FIRST = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark",
  "Wayne",
  "Hooli",
  "Vandelay",
  "Soylent",
  "Tyrell",
  "Cyberdyne",
  "Aperture",
  "Wonka",
  "Gringotts",
  "Oscorp",
  "Pied Piper",
  "Massive",
  "Monarch",
  "Nakatomi",
  "Duff",
];
const NAME_SECOND = [
  "Logistics",
  "Health",
  "Retail",
  "Energy",
  "Media",
  "Bank",
  "Insurance",
  "Foods",
  "Travel",
  "Labs",
  "Robotics",
  "Pharma",
  "Mining",
  "Telecom",
  "Games",
  "Motors",
  "Studios",
  "Capital",
  "Airlines",
  "Shipping",
  "Hotels",
  "Textiles",
  "Analytics",
  "Education",
  "Utilities",
];

/** The id of the i-th generated customer (0-based); customer i has 1 + (i mod 5) accounts. */
export function benchCustomerId(index: number): string {
  return `bench-customer-${String(index).padStart(4, "0")}`;
}

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(",")}]`;

/**
 * Seeds the portfolio into the (fresh, migrated) database at `url`. The Control catalogue and the users
 * are written by the caller through the app's own code (syncControlCatalogue, createUser); call this
 * after syncControlCatalogue, since the control results are one per account and catalogue row.
 */
export async function seedPortfolio(
  url: string,
  size: PortfolioSize,
  onStep: (step: string, seconds: number, rows: number) => void = () => {},
): Promise<SeedTimings> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const timings: SeedTimings = {};
  const step = async (name: string, sql: string) => {
    const started = performance.now();
    const result = await client.query(sql);
    const seconds = (performance.now() - started) / 1000;
    timings[name] = Math.round(seconds * 10) / 10;
    onStep(name, seconds, result.rowCount ?? 0);
  };
  try {
    // Prisma stores DateTime as UTC in timestamp(3) columns: with the session in UTC, now()::timestamp is that.
    await client.query("SET TIME ZONE 'UTC'");
    await client.query("SET synchronous_commit = off");
    await client.query("SET maintenance_work_mem = '256MB'");
    await client.query("SET work_mem = '64MB'");
    await client.query("SELECT setseed(0.42)");
    // Foreign keys are not checked row by row (the data is generated consistent); needs a superuser, as
    // the embedded server's user is; elsewhere the checks simply run.
    await client.query("SET session_replication_role = replica").catch(() => undefined);
    await client.query("CREATE TEMP TABLE bench_clock AS SELECT date_trunc('second', now())::timestamp AS now");

    await step(
      "customers",
      `INSERT INTO "Customer" ("id", "name", "slug", "externalId", "settings", "createdAt", "updatedAt")
       SELECT 'bench-customer-' || lpad(i::text, 4, '0'),
              (${sqlArray(NAME_FIRST)})[1 + i % ${NAME_FIRST.length}] || ' ' ||
                (${sqlArray(NAME_SECOND)})[1 + (i / ${NAME_FIRST.length}) % ${NAME_SECOND.length}] ||
                CASE WHEN i >= ${NAME_FIRST.length * NAME_SECOND.length} THEN ' ' || i ELSE '' END,
              'bench-' || i,
              'bench-external-id-' || md5(i::text),
              '{}', (SELECT now FROM bench_clock) - interval '400 days', (SELECT now FROM bench_clock)
       FROM generate_series(0, ${size.customers - 1}) AS i`,
    );

    // Customer i has 1 + (i mod 5) accounts; n numbers the accounts 0 … accounts-1.
    await step(
      "accounts",
      `CREATE TEMP TABLE bench_account AS
       SELECT (row_number() OVER (ORDER BY c.i, k) - 1)::int AS n, c.i AS customer_n, k,
              'bench-customer-' || lpad(c.i::text, 4, '0') AS customer_id
       FROM generate_series(0, ${size.customers - 1}) AS c(i)
       CROSS JOIN LATERAL generate_series(1, 1 + c.i % 5) AS k;
       ALTER TABLE bench_account ADD COLUMN id text, ADD COLUMN account_number text;
       UPDATE bench_account SET id = 'bench-account-' || lpad(n::text, 5, '0'),
                                account_number = (100000000000 + n * 7919)::text;
       CREATE UNIQUE INDEX ON bench_account (n);
       ANALYZE bench_account;
       INSERT INTO "AwsAccount" ("id", "customerId", "accountNumber", "alias", "roleArn", "regions", "environment",
                                 "createdAt", "updatedAt")
       SELECT id, customer_id, account_number,
              (ARRAY['prod', 'staging', 'dev', 'shared', 'sandbox'])[k] || '-' || customer_n,
              'arn:aws:iam::' || account_number || ':role/RampartAudit',
              ARRAY['us-east-1', 'eu-west-1'],
              (ARRAY['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'SHARED_SERVICES', 'SANDBOX'])[k]::"Environment",
              (SELECT now FROM bench_clock) - interval '400 days', (SELECT now FROM bench_clock)
       FROM bench_account`,
    );

    const { rows: generated } = await client.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM bench_account",
    );
    if (generated[0]?.count !== size.accounts)
      throw new Error(`${size.customers} customers make ${generated[0]?.count} accounts, not ${size.accounts}`);

    // One finished run per account: most succeeded a few hours ago, some PARTIAL or FAILED, a few stale.
    await step(
      "sync runs",
      `INSERT INTO "SyncRun" ("id", "customerId", "awsAccountId", "status", "trigger", "counts", "errorSummary", "asOf",
                              "queuedAt", "startedAt", "finishedAt", "durationMs", "heartbeatAt", "evaluatedAt")
       SELECT 'bench-run-' || n, customer_id, id, status::"SyncStatus", 'SCHEDULE', '{}',
              CASE WHEN status <> 'SUCCEEDED' THEN 'iam: AccessDenied on GetCredentialReport in us-east-1' END,
              queued + interval '40 seconds', queued, queued + interval '2 seconds', queued + interval '40 seconds',
              38000, queued + interval '40 seconds', queued + interval '41 seconds'
       FROM (
         SELECT n, customer_id, id,
                CASE WHEN n % 97 = 0 THEN 'FAILED' WHEN n % 23 = 0 THEN 'PARTIAL' ELSE 'SUCCEEDED' END AS status,
                (SELECT now FROM bench_clock) - CASE WHEN n % 101 = 0 THEN interval '3 days' ELSE interval '0' END
                  - (n % 360) * interval '1 minute' - interval '5 minutes' AS queued
         FROM bench_account
       ) runs`,
    );

    // The current result of every control in every account (the scorecard's rows).
    await step(
      "control results",
      `INSERT INTO "ControlResult" ("id", "customerId", "awsAccountId", "controlId", "syncRunId", "status", "severity",
                                    "reason", "offenders", "needsAttestation", "suppressionId", "evaluatedAt", "isCurrent")
       SELECT 'bench-result-' || a.n || '-' || c."id", a.customer_id, a.id, c."id", 'bench-run-' || a.n,
              status::"ResultStatus", c."severity",
              CASE status
                WHEN 'PASS' THEN 'Every resource checked meets the control.'
                WHEN 'FAIL' THEN CASE WHEN c."source" = 'ATTESTED' THEN 'No valid attestation: attest this control.'
                                      ELSE 'bench-user-' || (h % 7) || ' and 2 more resources do not meet the control.' END
                WHEN 'UNKNOWN' THEN 'iam: AccessDenied on GetAccountAuthorizationDetails in us-east-1 (AccessDenied).'
                ELSE 'Not applicable to this account.'
              END,
              CASE WHEN status = 'FAIL' AND c."source" = 'AUTOMATED' THEN jsonb_build_array(
                jsonb_build_object('kind', 'user', 'id', 'bench-user-' || (h % 7), 'detail', 'no MFA device'),
                jsonb_build_object('kind', 'user', 'id', 'bench-user-' || (h % 7 + 1), 'detail', 'no MFA device'),
                jsonb_build_object('kind', 'bucket', 'id', 'bench-bucket-' || (h % 11), 'region', 'eu-west-1'))
              ELSE '[]'::jsonb END,
              status = 'FAIL' AND c."source" = 'ATTESTED', NULL,
              (SELECT now FROM bench_clock) - (a.n % 360) * interval '1 minute', true
       FROM bench_account a
       CROSS JOIN "Control" c
       CROSS JOIN LATERAL (SELECT abs(hashtext(a.id || c."id")) % 100 AS h) hashed
       CROSS JOIN LATERAL (
         SELECT CASE
           WHEN c."source" = 'ATTESTED' THEN CASE WHEN h < 60 THEN 'PASS' ELSE 'FAIL' END
           WHEN h < 50 THEN 'PASS' WHEN h < 75 THEN 'FAIL' WHEN h < 85 THEN 'UNKNOWN' ELSE 'NOT_APPLICABLE'
         END AS status
       ) outcome`,
    );

    // The two big tables are loaded without their indexes, which are then rebuilt from their own
    // definitions (same names and columns): sorting once is far cheaper than 2,000,000 random inserts
    // into each index.
    const snapshotIndexes = await dropIndexes(client, "ScoreSnapshot");
    await seedSnapshots(step, size);
    const findingIndexes = await dropIndexes(client, "Finding");
    await seedFindings(step, size);
    // With replication role "replica" the Finding triggers that keep FindingDayCount do not fire: the
    // rollup is written here from the seeded findings, exactly as the migration backfills it.
    await step(
      "finding day counts",
      `INSERT INTO "FindingDayCount" ("customerId", "day", "opened", "resolved")
       SELECT "customerId", "day", sum("opened")::int, sum("resolved")::int
       FROM (
         SELECT "customerId", "firstSeenAt"::date AS "day", 1 AS "opened", 0 AS "resolved" FROM "Finding"
         UNION ALL
         SELECT "customerId", "resolvedAt"::date, 0, 1 FROM "Finding" WHERE "resolvedAt" IS NOT NULL
       ) d
       GROUP BY "customerId", "day"`,
    );
    await seedAlerts(step, size);
    await seedReviews(step, size);
    await client.query("RESET session_replication_role").catch(() => undefined);
    await step("rebuild indexes", [...snapshotIndexes, ...findingIndexes].join(";\n"));

    // A production table is kept vacuumed and analysed by autovacuum; do it now rather than measure a
    // table whose visibility map and statistics autovacuum has not caught up with yet.
    await step("vacuum analyze", "VACUUM (ANALYZE)");
    return timings;
  } finally {
    await client.end();
  }
}

type Step = (name: string, sql: string) => Promise<void>;

/** Drops every index of `table` (its primary key too) and returns the statements that recreate them. */
async function dropIndexes(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ index: string; definition: string; constraint: string | null }>(
    `SELECT i.relname AS index, pg_get_indexdef(i.oid) AS definition,
            pg_get_constraintdef(c.oid) AS constraint
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
     WHERE x.indrelid = $1::regclass`,
    [`"${table}"`],
  );
  const restore: string[] = [];
  for (const row of rows) {
    if (row.constraint) {
      await client.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${row.index}"`);
      restore.push(`ALTER TABLE "${table}" ADD CONSTRAINT "${row.index}" ${row.constraint}`);
    } else {
      await client.query(`DROP INDEX "${row.index}"`);
      restore.push(row.definition);
    }
  }
  return restore;
}

/**
 * A year of snapshots as evaluate-account.ts writes them: per account sync an ACCOUNT and a CUSTOMER SYNC
 * row; per day an ACCOUNT, a CUSTOMER and a PORTFOLIO DAILY row. Scores wander between 0 and 100 around a
 * per-entity base (a slow wave, a drift over the year, daily noise); the per-entity constants are computed
 * once, so each of the ~2 million rows costs a few arithmetic operations.
 */
async function seedSnapshots(step: Step, size: PortfolioSize): Promise<void> {
  const shape = (key: string) => `40 + abs(hashtext(${key})) % 55 AS base,
      abs(hashtext(${key} || 'phase')) % 628 / 100.0 AS phase,
      abs(hashtext(${key} || 'drift')) % 21 - 10 AS drift`;
  await step(
    "snapshot shapes",
    `CREATE TEMP TABLE bench_entity AS
     SELECT n, id, customer_id, customer_n, 1 AS accounts, ${shape("id")} FROM bench_account;
     CREATE TEMP TABLE bench_customer AS
     SELECT customer_n AS n, customer_id, count(*)::int AS accounts, ${shape("customer_id")}
     FROM bench_account GROUP BY customer_n, customer_id;
     ANALYZE bench_entity; ANALYZE bench_customer`,
  );
  // e: a row with base, phase, drift and n; d: days ago. OFFSET 0 keeps it computed once per row, not
  // once per reference.
  const score = (e: string, d: string) => `(SELECT round(greatest(0, least(100,
      ${e}.base + 8 * sin(${d} / 23.0 + ${e}.phase) + ${e}.drift * (${size.days} - ${d}) / ${size.days}.0
      + (${e}.n * 31 + ${d} * 17) % 50 / 10.0))::numeric, 1)::float8 AS sc OFFSET 0)`;
  // Counts in line with the score: of the evaluable results (≈ 50 per account), `score` percent pass.
  const counts = (accounts: string) => `
      round(50 * ${accounts} * sc / 100)::int, (50 * ${accounts} - round(50 * ${accounts} * sc / 100))::int,
      3 * ${accounts}, 6 * ${accounts}, ${accounts}, 0,
      ((50 * ${accounts} - round(50 * ${accounts} * sc / 100)) / 8)::int,
      ((50 * ${accounts} - round(50 * ${accounts} * sc / 100)) / 4)::int`;
  const columns = `("id", "scope", "kind", "customerId", "awsAccountId", "day", "takenAt", "syncRunId", "score",
      "scoreWithoutSuppressions", "passed", "failed", "unknown", "notApplicable", "needsAttestation", "suppressed",
      "failingCritical", "failingHigh")`;
  // Sync s of day d for account n, the newest a few minutes ago: `day` is the UTC day of `takenAt`.
  const taken = `(SELECT now FROM bench_clock) - interval '5 minutes' - (a.n % 360) * interval '1 minute'
      - d * interval '1 day' - s * interval '${24 / size.syncsPerDay} hours'`;

  await step(
    "ACCOUNT SYNC snapshots",
    `INSERT INTO "ScoreSnapshot" ${columns}
     SELECT 'bench-as-' || a.n || '-' || d || '-' || s, 'ACCOUNT', 'SYNC', a.customer_id, a.id, t.taken::date,
            t.taken, CASE WHEN d = 0 AND s = 0 THEN 'bench-run-' || a.n END, sc, sc, ${counts("1")}
     FROM bench_entity a
     CROSS JOIN generate_series(0, ${size.days - 1}) AS d
     CROSS JOIN LATERAL ${score("a", "d")} x
     CROSS JOIN generate_series(0, ${size.syncsPerDay - 1}) AS s
     CROSS JOIN LATERAL (SELECT ${taken} AS taken) t`,
  );
  await step(
    "CUSTOMER SYNC snapshots",
    `INSERT INTO "ScoreSnapshot" ${columns}
     SELECT 'bench-cs-' || a.n || '-' || d || '-' || s, 'CUSTOMER', 'SYNC', a.customer_id, NULL, t.taken::date,
            t.taken, CASE WHEN d = 0 AND s = 0 THEN 'bench-run-' || a.n END, sc, sc, ${counts("c.accounts")}
     FROM bench_account a
     JOIN bench_customer c ON c.n = a.customer_n
     CROSS JOIN generate_series(0, ${size.days - 1}) AS d
     CROSS JOIN LATERAL ${score("c", "d")} x
     CROSS JOIN generate_series(0, ${size.syncsPerDay - 1}) AS s
     CROSS JOIN LATERAL (SELECT ${taken} AS taken) t`,
  );

  const dailyTaken = `CASE WHEN d = 0 THEN (SELECT now FROM bench_clock) - interval '5 minutes'
      ELSE (SELECT now FROM bench_clock)::date - d + interval '23 hours' END`;
  await step(
    "DAILY snapshots",
    `INSERT INTO "ScoreSnapshot" ${columns}
     SELECT 'bench-ad-' || a.n || '-' || d, 'ACCOUNT', 'DAILY', a.customer_id, a.id,
            (SELECT now FROM bench_clock)::date - d, ${dailyTaken}, NULL, sc, sc, ${counts("1")}
     FROM bench_entity a
     CROSS JOIN generate_series(0, ${size.days - 1}) AS d
     CROSS JOIN LATERAL ${score("a", "d")} x;
     INSERT INTO "ScoreSnapshot" ${columns}
     SELECT 'bench-cd-' || c.n || '-' || d, 'CUSTOMER', 'DAILY', c.customer_id, NULL,
            (SELECT now FROM bench_clock)::date - d, ${dailyTaken}, NULL, sc, sc, ${counts("c.accounts")}
     FROM bench_customer c
     CROSS JOIN generate_series(0, ${size.days - 1}) AS d
     CROSS JOIN LATERAL ${score("c", "d")} x;
     INSERT INTO "ScoreSnapshot" ${columns}
     SELECT 'bench-pd-' || d, 'PORTFOLIO', 'DAILY', NULL, NULL, (SELECT now FROM bench_clock)::date - d,
            ${dailyTaken}, NULL, sc, NULL, 0, 0, 3 * ${size.accounts}, 0, ${size.accounts}, 0,
            ${size.accounts}, 2 * ${size.accounts}
     FROM (SELECT 0 AS n, 60 AS base, 1.0 AS phase, 5 AS drift) p
     CROSS JOIN generate_series(0, ${size.days - 1}) AS d
     CROSS JOIN LATERAL ${score("p", "d")} x`,
  );
}

/**
 * Findings spread evenly over the accounts: 70% Inspector (mixed severities), 30% Config (MEDIUM, one of
 * 30 rules); 35% open, 60% resolved, 5% suppressed; first seen over the last year, resolved some time
 * after. Details are shaped like the collectors' (lib/aws/inspector2.ts, lib/aws/config-service.ts).
 */
async function seedFindings(step: Step, size: PortfolioSize): Promise<void> {
  await step(
    "findings",
    `INSERT INTO "Finding" ("id", "customerId", "awsAccountId", "source", "externalKey", "title", "severity", "status",
                            "region", "resourceType", "resourceId", "details", "contentHash", "firstSeenAt",
                            "lastSeenAt", "resolvedAt", "observedAt")
     SELECT 'bench-finding-' || n, customer_id, account_id, source::"FindingSource",
            CASE WHEN source = 'INSPECTOR'
              THEN 'arn:aws:inspector2:' || region || ':' || account_number || ':finding/' || md5(n::text)
              ELSE rule || '|' || resource_type || '|' || resource_id || '|' || account_number || '|' || region END,
            CASE WHEN source = 'INSPECTOR' THEN cve || ' - ' || package
              ELSE rule || ': ' || resource_type || ' ' || resource_id || ' is non-compliant' END,
            severity::"Severity", status::"FindingStatus", region, resource_type, resource_id,
            CASE WHEN source = 'INSPECTOR' THEN jsonb_build_object(
                'type', 'PACKAGE_VULNERABILITY', 'inspectorSeverity', severity, 'inspectorScore', (n % 100) / 10.0,
                'firstObservedAt', observed, 'lastObservedAt', last_seen, 'updatedAt', last_seen,
                'fixAvailable', 'YES', 'exploitAvailable', CASE WHEN n % 9 = 0 THEN 'YES' ELSE 'NO' END,
                'vulnerabilityId', cve, 'sourceUrl', 'https://nvd.nist.gov/vuln/detail/' || cve,
                'remediation', 'Upgrade ' || package || ' to a fixed version.',
                'resources', jsonb_build_array(jsonb_build_object('type', resource_type, 'id', resource_id,
                                                                  'region', region)))
              ELSE jsonb_build_object(
                'configRuleName', rule, 'sourceIdentifier', upper(replace(rule, '-', '_')),
                'complianceType', 'NON_COMPLIANT', 'annotation', NULL, 'resultRecordedTime', observed,
                'configRuleInvokedTime', observed) END,
            md5(n::text || status), first_seen, last_seen, resolved, observed
     FROM (
       SELECT *,
              CASE WHEN status = 'RESOLVED' THEN first_seen + r_resolve * (clock - first_seen) END AS resolved,
              CASE WHEN status = 'RESOLVED' THEN first_seen + r_resolve * (clock - first_seen)
                   ELSE clock - (n % 360) * interval '1 minute' END AS last_seen,
              CASE WHEN source = 'INSPECTOR' THEN first_seen - (n % 30) * interval '1 day' ELSE first_seen END
                AS observed
       FROM (
         SELECT g.n, a.customer_id, a.id AS account_id, a.account_number, c.now AS clock,
                CASE WHEN g.m % 10 < 7 THEN 'INSPECTOR' ELSE 'CONFIG' END AS source,
                (ARRAY['us-east-1', 'eu-west-1'])[1 + (g.m / 10) % 2] AS region,
                CASE WHEN g.m % 10 >= 7 THEN 'MEDIUM'
                     WHEN g.sev < 0.03 THEN 'CRITICAL' WHEN g.sev < 0.20 THEN 'HIGH' WHEN g.sev < 0.65 THEN 'MEDIUM'
                     WHEN g.sev < 0.90 THEN 'LOW' ELSE 'INFORMATIONAL' END AS severity,
                CASE WHEN g.st < 0.35 THEN 'OPEN' WHEN g.st < 0.95 THEN 'RESOLVED' ELSE 'SUPPRESSED' END AS status,
                c.now - g.age * interval '365 days' AS first_seen, g.resolve AS r_resolve,
                'CVE-20' || (14 + g.n % 11) || '-' || (1000 + g.n % 48000) AS cve,
                (ARRAY['openssl', 'glibc', 'curl', 'log4j-core', 'zlib', 'openssh', 'libxml2', 'sudo'])[1 + g.m % 8]
                  AS package,
                (${sqlArray(CONFIG_RULES)})[1 + g.m % ${CONFIG_RULES.length}] AS rule,
                (ARRAY['AWS_EC2_INSTANCE', 'AWS_ECR_CONTAINER_IMAGE', 'AWS_LAMBDA_FUNCTION',
                       'AWS::S3::Bucket'])[1 + g.m % 4] AS resource_type,
                'bench-resource-' || (g.n / 3) AS resource_id
         -- random() in the select list of a subquery: evaluated once per row (volatile, so never flattened).
         -- m numbers the findings within their account (n mod accounts picks the account).
         FROM (SELECT n, n / ${size.accounts} AS m, random() AS sev, random() AS st, random() AS age,
                      random() AS resolve
               FROM generate_series(0, ${size.findings - 1}) AS n) AS g
         JOIN bench_account a ON a.n = g.n % ${size.accounts}
         CROSS JOIN bench_clock c
       ) base
     ) shaped`,
  );
}

/**
 * Alerts as raise-alerts.ts writes them: one per (source, account, resource, rule); 25% open (NEW,
 * ACKNOWLEDGED, IN_PROGRESS), the rest RESOLVED or SUPPRESSED; due by severity, some past their SLA.
 */
async function seedAlerts(step: Step, size: PortfolioSize): Promise<void> {
  if (size.alerts <= 0) return;
  await step(
    "alerts",
    `INSERT INTO "Alert" ("id", "customerId", "awsAccountId", "source", "dedupKey", "rule", "resource", "region",
                          "severity", "status", "title", "evidenceLink", "occurrences", "firstSeenAt", "lastSeenAt",
                          "dueAt", "acknowledgedAt", "resolvedAt", "version", "createdAt")
     SELECT 'bench-alert-' || s.n, a.customer_id, a.id, s.source,
            s.source || '|' || a.id || '|bench-resource-' || s.n || '|' || s.rule, s.rule, 'bench-resource-' || s.n,
            s.region, s.severity::"Severity", s.status::"AlertStatus",
            CASE s.source WHEN 'CONTROL' THEN s.rule || ' fails in ' || a.account_number
                          ELSE s.rule || ' on bench-resource-' || s.n END,
            '/customers/' || a.customer_id, 1 + s.n % 4, first_seen, first_seen + interval '1 hour',
            first_seen + CASE s.severity WHEN 'CRITICAL' THEN interval '1 day' WHEN 'HIGH' THEN interval '3 days'
                                         ELSE interval '14 days' END,
            CASE WHEN s.status <> 'NEW' THEN first_seen + interval '2 hours' END,
            CASE WHEN s.status = 'RESOLVED' THEN first_seen + interval '2 days' END, 1, first_seen
     FROM (
       SELECT g.n, (ARRAY['CONTROL', 'INSPECTOR', 'CONFIG', 'COVERAGE'])[1 + g.n % 4] AS source,
              (ARRAY['IAM-5', 'CVE-2024-3094', 's3-bucket-public-read-prohibited', 'inspector2'])[1 + g.n % 4] AS rule,
              (ARRAY['us-east-1', 'eu-west-1'])[1 + (g.n / 4) % 2] AS region,
              (ARRAY['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW'])[1 + (g.n / 8) % 6] AS severity,
              CASE WHEN g.n % 20 < 2 THEN 'NEW' WHEN g.n % 20 < 4 THEN 'ACKNOWLEDGED' WHEN g.n % 20 < 5 THEN 'IN_PROGRESS'
                   WHEN g.n % 20 < 18 THEN 'RESOLVED' ELSE 'SUPPRESSED' END AS status,
              (SELECT now FROM bench_clock) - (g.n % 2000) * interval '3 hours' AS first_seen,
              g.n % ${size.accounts} AS account_n
       FROM generate_series(0, ${size.alerts - 1}) AS g(n)
     ) s
     JOIN bench_account a ON a.n = s.account_n`,
  );
}

/**
 * Quarterly access reviews: the newest quarter OPEN (half its items decided), older ones SIGNED_OFF;
 * each over 20 IAM users of the customer's first account, every user with its frozen snapshot.
 */
async function seedReviews(step: Step, size: PortfolioSize): Promise<void> {
  if (size.reviewsPerCustomer <= 0) return;
  await step(
    "access reviews",
    `INSERT INTO "User" ("id", "email", "name", "role", "allCustomers", "createdAt", "updatedAt")
     VALUES ('bench-reviewer', 'bench-reviewer@rampart-bench.example', 'Bench Reviewer', 'CONSULTANT', true,
             (SELECT now FROM bench_clock), (SELECT now FROM bench_clock));
     INSERT INTO "AccessReview" ("id", "customerId", "period", "status", "dueAt", "snapshotAt", "accountIds",
                                 "createdById", "signedOffById", "signedOffAt", "createdAt")
     SELECT 'bench-review-' || a.customer_n || '-' || q, a.customer_id,
            to_char((SELECT now FROM bench_clock) - q * interval '3 months', 'YYYY') || '-Q' ||
              to_char((SELECT now FROM bench_clock) - q * interval '3 months', 'Q'),
            (CASE WHEN q = 0 THEN 'OPEN' ELSE 'SIGNED_OFF' END)::"AccessReviewStatus",
            (SELECT now FROM bench_clock) - q * interval '3 months' + interval '14 days',
            (SELECT now FROM bench_clock) - q * interval '3 months', ARRAY[a.id], 'bench-reviewer',
            CASE WHEN q > 0 THEN 'bench-reviewer' END,
            CASE WHEN q > 0 THEN (SELECT now FROM bench_clock) - q * interval '3 months' + interval '10 days' END,
            (SELECT now FROM bench_clock) - q * interval '3 months'
     FROM bench_account a
     CROSS JOIN generate_series(0, ${size.reviewsPerCustomer - 1}) AS q
     WHERE a.k = 1;
     INSERT INTO "AccessReviewItem" ("id", "reviewId", "awsAccountId", "userName", "userArn", "snapshot", "riskFlags",
                                     "decision", "decidedById", "decidedAt")
     SELECT r."id" || '-' || u, r."id", r."accountIds"[1], 'bench-user-' || u,
            'arn:aws:iam::' || a.account_number || ':user/bench-user-' || u,
            jsonb_build_object('userName', 'bench-user-' || u, 'groups', jsonb_build_array('developers')),
            CASE WHEN u % 5 = 0 THEN ARRAY['NO_MFA_CONSOLE'] WHEN u % 7 = 0 THEN ARRAY['KEY_OLDER_THAN_90_DAYS']
                 ELSE ARRAY[]::text[] END,
            (CASE WHEN r."status" = 'SIGNED_OFF' OR u % 2 = 0 THEN 'KEEP' END)::"ReviewDecision",
            CASE WHEN r."status" = 'SIGNED_OFF' OR u % 2 = 0 THEN 'bench-reviewer' END,
            CASE WHEN r."status" = 'SIGNED_OFF' OR u % 2 = 0 THEN r."snapshotAt" + interval '1 day' END
     FROM "AccessReview" r
     JOIN bench_account a ON a.id = r."accountIds"[1]
     CROSS JOIN generate_series(1, 20) AS u
     WHERE r."id" LIKE 'bench-review-%'`,
  );
}
