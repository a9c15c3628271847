import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { EstateIndex } from "../estate/indexed";

// AWS Config (awsJson1_1, regional). DescribeConfigRules and DescribeComplianceByConfigRule take no
// page size (the service chooses: 25 here); GetComplianceDetailsByConfigRule takes Limit 0-100,
// default 10, 0 meaning the default (Config API reference).

const SERVICE_PAGE_SIZE = 25;
type IndexedRule = EstateIndex["configRules"][number];

function rulesInRegion(context: OperationContext): IndexedRule[] {
  return context.index.configRules.filter((rule) => rule.region === context.region);
}

function noSuchRule(name: string): AwsError {
  return new AwsError(
    "NoSuchConfigRuleException",
    `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name`,
    400,
  );
}

function selectRules(context: OperationContext, names: string[] | undefined): IndexedRule[] {
  const rules = rulesInRegion(context);
  if (!names?.length) return rules;
  for (const name of names) if (!rules.some((rule) => rule.item.name === name)) throw noSuchRule(name);
  return rules.filter((rule) => names.includes(rule.item.name));
}

function ruleCompliance(rule: IndexedRule): Output {
  const evaluations = rule.item.evaluations;
  const nonCompliant = evaluations.filter((evaluation) => evaluation.complianceType === "NON_COMPLIANT").length;
  if (nonCompliant > 0) {
    return {
      ComplianceType: "NON_COMPLIANT",
      ComplianceContributorCount: { CappedCount: Math.min(nonCompliant, 100), CapExceeded: nonCompliant > 100 },
    };
  }
  if (evaluations.some((evaluation) => evaluation.complianceType === "COMPLIANT"))
    return { ComplianceType: "COMPLIANT" };
  if (evaluations.length > 0 && evaluations.every((evaluation) => evaluation.complianceType === "NOT_APPLICABLE")) {
    return { ComplianceType: "NOT_APPLICABLE" };
  }
  return { ComplianceType: "INSUFFICIENT_DATA" };
}

function recorders(input: OperationInput, context: OperationContext) {
  const inRegion = context.estate.config.recorders.filter(
    (recorder) => (recorder.region ?? context.index.defaultRegion) === context.region,
  );
  const names: string[] | undefined = input.ConfigurationRecorderNames;
  if (!names?.length) return inRegion;
  for (const name of names) {
    if (!inRegion.some((recorder) => recorder.name === name)) {
      throw new AwsError(
        "NoSuchConfigurationRecorderException",
        `Cannot find configuration recorder with the specified name '${name}'.`,
        400,
      );
    }
  }
  return inRegion.filter((recorder) => names.includes(recorder.name));
}

function recorderArn(context: OperationContext, name: string): string {
  return `arn:aws:config:${context.region}:${context.accountId}:configuration-recorder/${name}/${name}`;
}

export const configService: ServiceDefinition = {
  key: "config-service",
  protocol: "json",
  signingName: "config",
  actionPrefix: "config",
  operations: {
    DescribeConfigurationRecorders(input, context) {
      return {
        ConfigurationRecorders: recorders(input, context).map((recorder) => ({
          arn: recorderArn(context, recorder.name),
          name: recorder.name,
          roleARN:
            recorder.roleArn ??
            `arn:aws:iam::${context.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
          recordingGroup: {
            allSupported: recorder.allSupported,
            includeGlobalResourceTypes: recorder.includeGlobalResourceTypes,
            resourceTypes: recorder.resourceTypes,
            exclusionByResourceTypes: { resourceTypes: recorder.excludedResourceTypes },
            recordingStrategy: {
              useOnly: recorder.allSupported
                ? "ALL_SUPPORTED_RESOURCE_TYPES"
                : recorder.excludedResourceTypes.length > 0
                  ? "EXCLUSION_BY_RESOURCE_TYPES"
                  : "INCLUSION_BY_RESOURCE_TYPES",
            },
          },
          recordingMode: { recordingFrequency: "CONTINUOUS", recordingModeOverrides: [] },
        })),
      };
    },
    DescribeConfigurationRecorderStatus(input, context) {
      return {
        ConfigurationRecordersStatus: recorders(input, context).map((recorder) => ({
          arn: recorderArn(context, recorder.name),
          name: recorder.name,
          lastStartTime: context.date(recorder.lastStartTime),
          lastStopTime: recorder.lastStopTime ? context.date(recorder.lastStopTime) : undefined,
          recording: recorder.recording,
          lastStatus:
            recorder.lastStatus.toUpperCase() === "NOTAPPLICABLE" ? "NotApplicable" : recorder.lastStatus.toUpperCase(),
          lastErrorCode: recorder.lastErrorCode,
          lastErrorMessage: recorder.lastErrorMessage,
          lastStatusChangeTime: context.date(recorder.lastStatusChangeTime),
        })),
      };
    },
    DescribeConfigRules(input, context) {
      const rules = selectRules(context, input.ConfigRuleNames);
      const page = context.paginate(rules, input.NextToken, SERVICE_PAGE_SIZE, input.ConfigRuleNames ?? null);
      return {
        ConfigRules: page.items.map((rule) => ({
          ConfigRuleName: rule.item.name,
          ConfigRuleArn: rule.arn,
          ConfigRuleId: rule.id,
          Description: rule.item.description,
          Source: { Owner: rule.item.owner, SourceIdentifier: rule.item.sourceIdentifier },
          InputParameters: rule.item.inputParameters ? JSON.stringify(rule.item.inputParameters) : "{}",
          MaximumExecutionFrequency: rule.item.maximumExecutionFrequency,
          ConfigRuleState: rule.item.state,
          CreatedBy: rule.item.createdBy,
          EvaluationModes: [{ Mode: "DETECTIVE" }],
        })),
        NextToken: page.nextToken,
      };
    },
    DescribeComplianceByConfigRule(input, context) {
      const types: string[] | undefined = input.ComplianceTypes;
      const results = selectRules(context, input.ConfigRuleNames)
        .map((rule) => ({ ConfigRuleName: rule.item.name, Compliance: ruleCompliance(rule) }))
        .filter((result) => !types?.length || types.includes(String(result.Compliance.ComplianceType)));
      const page = context.paginate(results, input.NextToken, SERVICE_PAGE_SIZE, [input.ConfigRuleNames, types]);
      return { ComplianceByConfigRules: page.items, NextToken: page.nextToken };
    },
    GetComplianceDetailsByConfigRule(input, context) {
      const name = String(input.ConfigRuleName ?? "");
      const rule = rulesInRegion(context).find((candidate) => candidate.item.name === name);
      if (!rule) throw noSuchRule(name);
      const types: string[] | undefined = input.ComplianceTypes;
      const evaluations = rule.item.evaluations.filter(
        (evaluation) => !types?.length || types.includes(evaluation.complianceType),
      );
      const limit =
        input.Limit === 0
          ? 10
          : pageSize(input.Limit, { defaultSize: 10, minimum: 0, maximum: 100, parameter: "limit" });
      const page = context.paginate(evaluations, input.NextToken, limit, [name, types]);
      return {
        EvaluationResults: page.items.map((evaluation) => {
          const recorded = context.date(evaluation.recordedAt);
          return {
            EvaluationResultIdentifier: {
              EvaluationResultQualifier: {
                ConfigRuleName: name,
                ResourceType: evaluation.resourceType,
                ResourceId: evaluation.resourceId,
                EvaluationMode: "DETECTIVE",
              },
              OrderingTimestamp: recorded,
            },
            ComplianceType: evaluation.complianceType,
            ResultRecordedTime: recorded,
            ConfigRuleInvokedTime: new Date(recorded.getTime() - 60_000),
            Annotation: evaluation.annotation,
          };
        }),
        NextToken: page.nextToken,
      };
    },
  },
};
