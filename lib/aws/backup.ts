import {
  BackupClient,
  type BackupJob,
  type BackupRule,
  GetBackupPlanCommand,
  paginateListBackupJobs,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListRestoreJobs,
  type RestoreJobsListMember,
} from "@aws-sdk/client-backup";
import { DAY_MS } from "../dates";
import type {
  BackupEvidence,
  BackupJobEvidence,
  BackupPlanEvidence,
  BackupRuleEvidence,
  BackupSelectionEvidence,
  RestoreJobEvidence,
} from "../evidence/backup";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import { type CollectorDefinition, sessionNow } from "./types";

const SERVICE = "backup";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

/** BAK-3 looks back 48 h; a week keeps the latest job per resource visible. */
export const BACKUP_JOB_LOOKBACK_DAYS = 7;
/** BAK-4's default period is 183 days (a per-customer parameter), so read a little over a year. */
export const RESTORE_JOB_LOOKBACK_DAYS = 400;

export function mapBackupRule(rule: BackupRule): BackupRuleEvidence {
  return {
    ruleName: rule.RuleName ?? "",
    ruleId: rule.RuleId ?? null,
    scheduleExpression: rule.ScheduleExpression ?? null,
    scheduleExpressionTimezone: rule.ScheduleExpressionTimezone ?? null,
    targetBackupVaultName: rule.TargetBackupVaultName ?? "",
    deleteAfterDays: rule.Lifecycle?.DeleteAfterDays ?? null,
    moveToColdStorageAfterDays: rule.Lifecycle?.MoveToColdStorageAfterDays ?? null,
    enableContinuousBackup: rule.EnableContinuousBackup ?? false,
    copyActions: (rule.CopyActions ?? []).map((action) => ({
      destinationBackupVaultArn: action.DestinationBackupVaultArn ?? "",
      deleteAfterDays: action.Lifecycle?.DeleteAfterDays ?? null,
    })),
  };
}

export function mapBackupJob(job: BackupJob): BackupJobEvidence {
  return {
    backupJobId: job.BackupJobId ?? "",
    state: job.State ?? null,
    resourceArn: job.ResourceArn ?? null,
    resourceType: job.ResourceType ?? null,
    backupPlanId: job.CreatedBy?.BackupPlanId ?? null,
    creationDate: toIsoString(job.CreationDate),
    completionDate: toIsoString(job.CompletionDate),
    statusMessage: job.StatusMessage ?? null,
  };
}

export function mapRestoreJob(job: RestoreJobsListMember): RestoreJobEvidence {
  return {
    restoreJobId: job.RestoreJobId ?? "",
    status: job.Status ?? null,
    resourceType: job.ResourceType ?? null,
    createdResourceArn: job.CreatedResourceArn ?? null,
    creationDate: toIsoString(job.CreationDate),
    completionDate: toIsoString(job.CompletionDate),
  };
}

export async function listBackupPlans(client: BackupClient, region: string) {
  return collectPages(
    context("ListBackupPlans", region),
    () => paginateListBackupPlans({ client, pageSize: 1000 }, {}),
    (page) => page.BackupPlansList,
  );
}

export async function getBackupPlan(client: BackupClient, region: string, backupPlanId: string) {
  const response = await callAws(context("GetBackupPlan", region), () =>
    client.send(new GetBackupPlanCommand({ BackupPlanId: backupPlanId })),
  );
  return (response.BackupPlan?.Rules ?? []).map(mapBackupRule);
}

export async function listBackupSelections(
  client: BackupClient,
  region: string,
  backupPlanId: string,
): Promise<BackupSelectionEvidence[]> {
  const selections = await collectPages(
    context("ListBackupSelections", region),
    () => paginateListBackupSelections({ client, pageSize: 1000 }, { BackupPlanId: backupPlanId }),
    (page) => page.BackupSelectionsList,
  );
  return selections.map((selection) => ({
    selectionId: selection.SelectionId ?? "",
    selectionName: selection.SelectionName ?? "",
    iamRoleArn: selection.IamRoleArn ?? null,
  }));
}

export async function listBackupJobs(client: BackupClient, region: string, since: Date): Promise<BackupJobEvidence[]> {
  const jobs = await collectPages(
    context("ListBackupJobs", region),
    () => paginateListBackupJobs({ client, pageSize: 1000 }, { ByCreatedAfter: since }),
    (page) => page.BackupJobs,
  );
  return jobs.map(mapBackupJob);
}

export async function listRestoreJobs(
  client: BackupClient,
  region: string,
  since: Date,
): Promise<RestoreJobEvidence[]> {
  const jobs = await collectPages(
    context("ListRestoreJobs", region),
    () => paginateListRestoreJobs({ client, pageSize: 1000 }, { ByCreatedAfter: since }),
    (page) => page.RestoreJobs,
  );
  return jobs.map(mapRestoreJob);
}

export async function collectBackup(
  client: BackupClient,
  region: string,
  now: Date,
): Promise<{ evidence: BackupEvidence; failedCalls: FailedCall[] }> {
  const calls = new CallRecorder();
  const backupJobsSince = new Date(now.getTime() - BACKUP_JOB_LOOKBACK_DAYS * DAY_MS);
  const restoreJobsSince = new Date(now.getTime() - RESTORE_JOB_LOOKBACK_DAYS * DAY_MS);
  const [planList, backupJobs, restoreJobs] = await Promise.all([
    calls.attempt(listBackupPlans(client, region), []),
    calls.attempt(listBackupJobs(client, region, backupJobsSince), []),
    calls.attempt(listRestoreJobs(client, region, restoreJobsSince), []),
  ]);
  const plans = await mapConcurrently(planList, async (plan): Promise<BackupPlanEvidence> => {
    const backupPlanId = plan.BackupPlanId ?? "";
    const [rules, selections] = await Promise.all([
      calls.attempt(getBackupPlan(client, region, backupPlanId), []),
      calls.attempt(listBackupSelections(client, region, backupPlanId), []),
    ]);
    return {
      backupPlanId,
      backupPlanName: plan.BackupPlanName ?? "",
      backupPlanArn: plan.BackupPlanArn ?? null,
      versionId: plan.VersionId ?? null,
      lastExecutionDate: toIsoString(plan.LastExecutionDate),
      rules,
      selections,
    };
  });
  calls.throwIfNothingAnswered();
  return {
    evidence: {
      region,
      plans,
      backupJobsLookbackDays: BACKUP_JOB_LOOKBACK_DAYS,
      backupJobs,
      restoreJobsLookbackDays: RESTORE_JOB_LOOKBACK_DAYS,
      restoreJobs,
    },
    failedCalls: calls.failedCalls,
  };
}

export const backupCollector: CollectorDefinition<BackupEvidence> = {
  key: "backup",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const { evidence, failedCalls } = await withSessionClient(BackupClient, session, region, (client) =>
      collectBackup(client, region, sessionNow(session)),
    );
    return {
      evidence,
      failedCalls,
      itemCount: evidence.plans.length + evidence.backupJobs.length + evidence.restoreJobs.length,
    };
  },
};
