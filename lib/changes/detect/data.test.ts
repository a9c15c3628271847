import { describe, expect, it } from "vitest";
import type { BackupPlanEvidence } from "../../evidence/backup";
import type { KmsKeyEvidence } from "../../evidence/kms";
import type { DbInstanceEvidence } from "../../evidence/rds";
import type { BucketEvidence } from "../../evidence/s3";
import { diffBackupPlans, diffBucketPublicAccess, diffDatabasePublicAccess, diffKmsRotation } from "./data";
import { EMPTY_CONTEXT } from "./types";

function kmsKey(overrides: Partial<KmsKeyEvidence> = {}): KmsKeyEvidence {
  return {
    keyId: "k1",
    arn: "arn:aws:kms:us-east-1:111122223333:key/k1",
    aliases: ["alias/data"],
    description: null,
    keyManager: "CUSTOMER",
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    keyState: "Enabled",
    origin: "AWS_KMS",
    multiRegion: false,
    createdAt: null,
    deletionDate: null,
    rotationEnabled: true,
    rotationPeriodInDays: 365,
    nextRotationDate: null,
    ...overrides,
  };
}

describe("diffKmsRotation", () => {
  it("reports rotation turned off on a customer key (KMS-1)", () => {
    const changes = diffKmsRotation(
      { keys: [kmsKey()] },
      { keys: [kmsKey({ rotationEnabled: false })] },
      EMPTY_CONTEXT,
    );
    expect(changes).toEqual([
      expect.objectContaining({
        kind: "kms-rotation",
        resourceKind: "kms-key",
        resourceId: "k1",
        controlId: "KMS-1",
        summary: "KMS key alias/data: automatic rotation on → off",
      }),
    ]);
  });

  it("ignores AWS-managed keys and rotation that was not read", () => {
    expect(
      diffKmsRotation(
        { keys: [kmsKey({ keyManager: "AWS" })] },
        { keys: [kmsKey({ keyManager: "AWS", rotationEnabled: false })] },
        EMPTY_CONTEXT,
      ),
    ).toEqual([]);
    expect(diffKmsRotation({ keys: [kmsKey()] }, { keys: [kmsKey({ rotationEnabled: null })] }, EMPTY_CONTEXT)).toEqual(
      [],
    );
  });
});

const allBlocked = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

function bucket(overrides: Partial<BucketEvidence> = {}): BucketEvidence {
  return {
    name: "trail-bucket",
    region: "us-east-1",
    createdAt: null,
    versioningStatus: "Enabled",
    mfaDelete: null,
    publicAccessBlock: allBlocked,
    hasBucketPolicy: false,
    policyIsPublic: false,
    logging: null,
    encryptionRules: null,
    tags: {},
    ...overrides,
  };
}

describe("diffBucketPublicAccess", () => {
  it("reports a trail bucket made public as TRAIL-8, another bucket without a control", () => {
    const context = { trailBuckets: new Set(["trail-bucket"]) };
    const before = { accountPublicAccessBlock: allBlocked, buckets: [bucket(), bucket({ name: "assets" })] };
    const after = {
      accountPublicAccessBlock: allBlocked,
      buckets: [
        bucket({ publicAccessBlock: null, policyIsPublic: true }),
        bucket({ name: "assets", publicAccessBlock: null }),
      ],
    };
    const changes = diffBucketPublicAccess(before, after, context);
    expect(changes.map((change) => [change.resourceId, change.controlId])).toEqual([
      ["trail-bucket", "TRAIL-8"],
      ["assets", null],
    ]);
    expect(changes[0]?.summary).toBe(
      "Bucket trail-bucket: all four blocks on → no public access block; bucket policy made it public",
    );
  });

  it("reports the account-level block switched off", () => {
    const changes = diffBucketPublicAccess(
      { accountPublicAccessBlock: allBlocked, buckets: [] },
      { accountPublicAccessBlock: { ...allBlocked, blockPublicPolicy: false }, buckets: [] },
      EMPTY_CONTEXT,
    );
    expect(changes).toEqual([
      expect.objectContaining({ resourceKind: "s3-account", summary: expect.stringContaining("3 of 4") }),
    ]);
  });
});

function plan(rules: string[]): BackupPlanEvidence {
  return {
    backupPlanId: "plan-1",
    backupPlanName: "daily",
    backupPlanArn: null,
    versionId: `v-${rules.join("-")}`,
    lastExecutionDate: null,
    rules: rules.map((ruleName) => ({
      ruleName,
      ruleId: null,
      scheduleExpression: "cron(0 5 ? * * *)",
      scheduleExpressionTimezone: null,
      targetBackupVaultName: "Default",
      deleteAfterDays: 35,
      moveToColdStorageAfterDays: null,
      enableContinuousBackup: false,
      copyActions: [],
    })),
    selections: [],
  };
}

describe("diffBackupPlans", () => {
  it("reports a rule removed from a plan (BAK-1) and nothing when only the run date moves", () => {
    expect(
      diffBackupPlans({ plans: [plan(["daily", "yearly"])] }, { plans: [plan(["daily"])] }, EMPTY_CONTEXT),
    ).toEqual([
      expect.objectContaining({
        kind: "backup-plan",
        controlId: "BAK-1",
        summary: "Backup plan daily: rules removed: yearly",
      }),
    ]);
    expect(
      diffBackupPlans(
        { plans: [plan(["daily"])] },
        { plans: [{ ...plan(["daily"]), lastExecutionDate: "2026-12-05T05:00:00Z" }] },
        EMPTY_CONTEXT,
      ),
    ).toEqual([]);
  });

  it("reports a plan deleted", () => {
    expect(diffBackupPlans({ plans: [plan(["daily"])] }, { plans: [] }, EMPTY_CONTEXT)).toEqual([
      expect.objectContaining({ action: "REMOVED", after: null }),
    ]);
  });
});

function database(publiclyAccessible: boolean, identifier = "ehr-dev"): DbInstanceEvidence {
  return {
    dbInstanceIdentifier: identifier,
    dbInstanceArn: null,
    engine: "postgres",
    engineVersion: null,
    instanceClass: null,
    status: "available",
    publiclyAccessible,
    endpointAddress: null,
    endpointPort: null,
    vpcId: null,
    multiAz: false,
    storageEncrypted: true,
    kmsKeyId: null,
    createdAt: null,
    tags: {},
  };
}

describe("diffDatabasePublicAccess", () => {
  it("reports a database made public (NET-6), and a new one only when it is public", () => {
    const changes = diffDatabasePublicAccess(
      { dbInstances: [database(false)] },
      { dbInstances: [database(true), database(false, "private-new"), database(true, "public-new")] },
      EMPTY_CONTEXT,
    );
    expect(changes.map((change) => [change.resourceId, change.action, change.controlId])).toEqual([
      ["ehr-dev", "MODIFIED", "NET-6"],
      ["public-new", "ADDED", "NET-6"],
    ]);
  });
});
