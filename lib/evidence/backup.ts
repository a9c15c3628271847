// The backup evidence as its collector (lib/aws/backup.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface BackupRuleEvidence {
  ruleName: string;
  ruleId: string | null;
  /** cron(...) expression; BAK-1/2 read the frequency from its day-of-month, month and day-of-week fields. */
  scheduleExpression: string | null;
  scheduleExpressionTimezone: string | null;
  targetBackupVaultName: string;
  /** null = kept forever (BAK-1 accepts an absent DeleteAfterDays). */
  deleteAfterDays: number | null;
  moveToColdStorageAfterDays: number | null;
  enableContinuousBackup: boolean;
  copyActions: { destinationBackupVaultArn: string; deleteAfterDays: number | null }[];
}

export interface BackupSelectionEvidence {
  selectionId: string;
  selectionName: string;
  iamRoleArn: string | null;
}

export interface BackupPlanEvidence {
  backupPlanId: string;
  backupPlanName: string;
  backupPlanArn: string | null;
  versionId: string | null;
  lastExecutionDate: string | null;
  rules: BackupRuleEvidence[];
  selections: BackupSelectionEvidence[];
}

export interface BackupJobEvidence {
  backupJobId: string;
  /** CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED, PARTIAL. */
  state: string | null;
  resourceArn: string | null;
  resourceType: string | null;
  backupPlanId: string | null;
  creationDate: string | null;
  completionDate: string | null;
  statusMessage: string | null;
}

export interface RestoreJobEvidence {
  restoreJobId: string;
  /** PENDING, RUNNING, COMPLETED, ABORTED, FAILED. */
  status: string | null;
  resourceType: string | null;
  createdResourceArn: string | null;
  creationDate: string | null;
  /** BAK-4 dates a restore test by its completion. */
  completionDate: string | null;
}

export interface BackupEvidence {
  region: string;
  plans: BackupPlanEvidence[];
  /** Jobs created within this many days before the collection time (the sync's asOf). A window, not a
   * date, so that re-collecting an unchanged account yields identical evidence. */
  backupJobsLookbackDays: number;
  backupJobs: BackupJobEvidence[];
  restoreJobsLookbackDays: number;
  restoreJobs: RestoreJobEvidence[];
}
