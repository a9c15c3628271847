import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";

// AWS Backup (restJson1, regional). Jobs are listed newest first and filtered with the By*
// query parameters (createdAfter, state, …) the way the console and CLI use them.

function plansInRegion(context: OperationContext) {
  return context.index.backupPlans.filter((plan) => plan.region === context.region);
}

function findPlan(context: OperationContext, id: unknown) {
  const plan = plansInRegion(context).find((candidate) => candidate.id === id);
  if (!plan) throw new AwsError("ResourceNotFoundException", `Failed reading Backup plan with provided version`, 400);
  return plan;
}

function backupPage<T>(context: OperationContext, items: T[], input: OperationInput, scope: unknown) {
  return context.paginate(
    items,
    input.NextToken,
    pageSize(input.MaxResults, { defaultSize: 1000, maximum: 1000, parameter: "maxResults" }),
    scope,
  );
}

function vaultArn(context: OperationContext, vault: string): string {
  return `arn:aws:backup:${context.region}:${context.accountId}:backup-vault:${vault}`;
}

function within(date: Date | undefined, after: Date | undefined, before: Date | undefined): boolean {
  if (!after && !before) return true;
  if (!date) return false;
  return (!after || date >= after) && (!before || date <= before);
}

export const backupService: ServiceDefinition = {
  key: "backup",
  protocol: "restJson",
  signingName: "backup",
  actionPrefix: "backup",
  errorCodes: {
    invalidPaginationToken: { code: "InvalidParameterValueException", status: 400 },
    validation: { code: "InvalidParameterValueException", status: 400 },
    serverError: { code: "ServiceUnavailableException", status: 500 },
  },
  operations: {
    ListBackupPlans(input, context) {
      const page = backupPage(context, plansInRegion(context), input, null);
      return {
        BackupPlansList: page.items.map((plan) => ({
          BackupPlanArn: plan.arn,
          BackupPlanId: plan.id,
          CreationDate: context.date(plan.item.createdAt),
          VersionId: plan.versionId,
          BackupPlanName: plan.item.name,
          LastExecutionDate: plan.item.lastExecutionDate ? context.date(plan.item.lastExecutionDate) : undefined,
        })),
        NextToken: page.nextToken,
      };
    },
    GetBackupPlan(input, context) {
      const plan = findPlan(context, input.BackupPlanId);
      return {
        BackupPlan: {
          BackupPlanName: plan.item.name,
          Rules: plan.item.rules.map((rule) => ({
            RuleName: rule.name,
            TargetBackupVaultName: rule.targetVault,
            ScheduleExpression: rule.scheduleExpression,
            ScheduleExpressionTimezone: rule.scheduleExpressionTimezone ?? "Etc/UTC",
            StartWindowMinutes: rule.startWindowMinutes,
            CompletionWindowMinutes: rule.completionWindowMinutes,
            Lifecycle:
              rule.deleteAfterDays || rule.moveToColdStorageAfterDays
                ? {
                    DeleteAfterDays: rule.deleteAfterDays,
                    MoveToColdStorageAfterDays: rule.moveToColdStorageAfterDays,
                    OptInToArchiveForSupportedResources: false,
                  }
                : undefined,
            RuleId: rule.id ?? `${plan.id.slice(0, 8)}-${rule.name}`,
            CopyActions: rule.copyToVaultArns.map((destination) => ({ DestinationBackupVaultArn: destination })),
            EnableContinuousBackup: false,
          })),
        },
        BackupPlanId: plan.id,
        BackupPlanArn: plan.arn,
        VersionId: plan.versionId,
        CreationDate: context.date(plan.item.createdAt),
        LastExecutionDate: plan.item.lastExecutionDate ? context.date(plan.item.lastExecutionDate) : undefined,
      };
    },
    ListBackupSelections(input, context) {
      const plan = findPlan(context, input.BackupPlanId);
      const selections = plan.item.selections.map((selection, position) => ({
        SelectionId: plan.selectionIds[position],
        SelectionName: selection.name,
        BackupPlanId: plan.id,
        CreationDate: context.date(selection.createdAt),
        IamRoleArn:
          selection.iamRoleArn ?? `arn:aws:iam::${context.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
      }));
      const page = backupPage(context, selections, input, plan.id);
      return { BackupSelectionsList: page.items, NextToken: page.nextToken };
    },
    ListBackupJobs(input, context) {
      const jobs = context.index.backupJobs
        .filter((job) => job.region === context.region)
        .map((job) => ({
          ...job,
          created: context.date(job.item.createdAt),
          completed: job.item.completedAt ? context.date(job.item.completedAt) : undefined,
        }))
        .filter(({ item }) => !input.ByResourceArn || item.resourceArn === input.ByResourceArn)
        .filter(({ item }) => !input.ByState || item.state === input.ByState)
        .filter(({ item }) => !input.ByResourceType || item.resourceType === input.ByResourceType)
        .filter(({ item }) => !input.ByBackupVaultName || item.vault === input.ByBackupVaultName)
        .filter(({ created }) => within(created, input.ByCreatedAfter, input.ByCreatedBefore))
        .filter(({ completed }) => within(completed, input.ByCompleteAfter, input.ByCompleteBefore))
        .sort((a, b) => b.created.getTime() - a.created.getTime());
      const page = backupPage(context, jobs, input, [
        input.ByState,
        input.ByCreatedAfter,
        input.ByResourceArn,
        input.ByResourceType,
      ]);
      return {
        BackupJobs: page.items.map(({ item, id, created, completed }) => {
          const plan = context.index.backupPlans.find((candidate) => candidate.id === item.planId);
          return {
            AccountId: context.accountId,
            BackupJobId: id,
            BackupVaultName: item.vault,
            BackupVaultArn: vaultArn(context, item.vault),
            RecoveryPointArn:
              item.state === "COMPLETED"
                ? `arn:aws:backup:${context.region}:${context.accountId}:recovery-point:${id.toLowerCase()}`
                : undefined,
            ResourceArn: item.resourceArn,
            CreationDate: created,
            CompletionDate: completed,
            State: item.state,
            StatusMessage: item.statusMessage,
            PercentDone: item.state === "COMPLETED" ? "100.0" : "0.0",
            BackupSizeInBytes: item.backupSizeInBytes,
            IamRoleArn: `arn:aws:iam::${context.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
            CreatedBy: plan
              ? { BackupPlanId: plan.id, BackupPlanArn: plan.arn, BackupPlanVersion: plan.versionId }
              : undefined,
            ResourceType: item.resourceType,
            BackupType: "",
            IsParent: false,
          };
        }),
        NextToken: page.nextToken,
      };
    },
    ListRestoreJobs(input, context) {
      const jobs = context.index.restoreJobs
        .filter((job) => job.region === context.region)
        .map((job) => ({
          ...job,
          created: context.date(job.item.createdAt),
          completed: job.item.completedAt ? context.date(job.item.completedAt) : undefined,
        }))
        .filter(({ item }) => !input.ByStatus || item.status === input.ByStatus)
        .filter(({ item }) => !input.ByResourceType || item.resourceType === input.ByResourceType)
        .filter(({ created }) => within(created, input.ByCreatedAfter, input.ByCreatedBefore))
        .filter(({ completed }) => within(completed, input.ByCompleteAfter, input.ByCompleteBefore))
        .sort((a, b) => b.created.getTime() - a.created.getTime());
      const page = backupPage(context, jobs, input, [input.ByStatus, input.ByCreatedAfter, input.ByResourceType]);
      return {
        RestoreJobs: page.items.map(
          ({ item, id, created, completed }): Output => ({
            AccountId: context.accountId,
            RestoreJobId: id,
            RecoveryPointArn: item.recoveryPointArn,
            CreationDate: created,
            CompletionDate: completed,
            Status: item.status,
            StatusMessage: item.statusMessage,
            PercentDone: item.status === "COMPLETED" ? "100.00%" : "0.00%",
            BackupSizeInBytes: 0,
            IamRoleArn: `arn:aws:iam::${context.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
            CreatedResourceArn: item.createdResourceArn,
            ResourceType: item.resourceType,
          }),
        ),
        NextToken: page.nextToken,
      };
    },
  },
};
