import { AwsError, GenericAwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, Output, ServiceDefinition } from "../core/service";
import type { EstateIndex } from "../estate/indexed";
import type { EstateRecord } from "../estate/store";

// Inspector2 (restJson1, regional). ListFindings filters, sorts and pages an estate's findings; the
// filtered list is cached per (estate version, region, filter, sort, minute) so paging through
// 20,000 findings in pages of 100 filters once, not 200 times.

type IndexedFinding = NonNullable<ReturnType<EstateIndex["findingsByRegion"]["get"]>>[number];
type StringFilter = { comparison: "EQUALS" | "PREFIX" | "NOT_EQUALS"; value: string };
type DateFilter = { startInclusive?: number; endInclusive?: number };
type NumberFilter = { lowerInclusive?: number; upperInclusive?: number };
type MapFilter = { comparison: "EQUALS"; key: string; value?: string };

const SEVERITY_ORDER = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL", "UNTRIAGED"];
const CACHE_ENTRIES_PER_ESTATE = 16;
const filteredCache = new WeakMap<EstateRecord, Map<string, IndexedFinding[]>>();

function stringField(context: OperationContext, finding: IndexedFinding, key: string): string | undefined {
  const { item } = finding;
  switch (key) {
    case "findingArn":
      return finding.arn;
    case "awsAccountId":
      return context.accountId;
    case "findingType":
      return item.type;
    case "severity":
      return item.severity;
    case "findingStatus":
      return item.status;
    case "title":
      return item.title;
    case "resourceType":
      return item.resource.type;
    case "resourceId":
      return item.resource.id;
    case "vulnerabilityId":
      return item.vulnerabilityId;
    case "fixAvailable":
      return item.fixAvailable;
    case "exploitAvailable":
      return item.exploitAvailable;
    default:
      return undefined;
  }
}

const STRING_KEYS = new Set([
  "findingArn",
  "awsAccountId",
  "findingType",
  "severity",
  "findingStatus",
  "title",
  "resourceType",
  "resourceId",
  "vulnerabilityId",
  "fixAvailable",
  "exploitAvailable",
]);
const DATE_KEYS = new Set(["firstObservedAt", "lastObservedAt", "updatedAt"]);

function stringFilterMatches(value: string | undefined, filters: StringFilter[]): boolean {
  const equalsFilters = filters.filter((filter) => filter.comparison !== "NOT_EQUALS");
  const notEquals = filters.filter((filter) => filter.comparison === "NOT_EQUALS");
  if (notEquals.some((filter) => value === filter.value)) return false;
  if (equalsFilters.length === 0) return true;
  return equalsFilters.some((filter) =>
    filter.comparison === "PREFIX" ? (value ?? "").startsWith(filter.value) : value === filter.value,
  );
}

function findingDate(context: OperationContext, finding: IndexedFinding, key: string): Date {
  const { item } = finding;
  if (key === "firstObservedAt") return context.date(item.firstObservedAt);
  if (key === "lastObservedAt") return context.date(item.lastObservedAt);
  return context.date(item.updatedAt ?? item.lastObservedAt);
}

function buildPredicate(
  context: OperationContext,
  criteria: Record<string, unknown[]>,
): (finding: IndexedFinding) => boolean {
  const checks: ((finding: IndexedFinding) => boolean)[] = [];
  for (const [key, filters] of Object.entries(criteria)) {
    if (!Array.isArray(filters) || filters.length === 0) continue;
    if (STRING_KEYS.has(key)) {
      checks.push((finding) => stringFilterMatches(stringField(context, finding, key), filters as StringFilter[]));
    } else if (DATE_KEYS.has(key)) {
      checks.push((finding) => {
        const seconds = findingDate(context, finding, key).getTime() / 1000;
        return (filters as DateFilter[]).some(
          (filter) =>
            (filter.startInclusive === undefined || seconds >= filter.startInclusive) &&
            (filter.endInclusive === undefined || seconds <= filter.endInclusive),
        );
      });
    } else if (key === "inspectorScore") {
      checks.push((finding) =>
        (filters as NumberFilter[]).some(
          (filter) =>
            finding.item.inspectorScore !== undefined &&
            (filter.lowerInclusive === undefined || finding.item.inspectorScore >= filter.lowerInclusive) &&
            (filter.upperInclusive === undefined || finding.item.inspectorScore <= filter.upperInclusive),
        ),
      );
    } else if (key === "resourceTags") {
      checks.push((finding) =>
        (filters as MapFilter[]).some((filter) =>
          filter.value === undefined
            ? filter.key in finding.item.resource.tags
            : finding.item.resource.tags[filter.key] === filter.value,
        ),
      );
    } else {
      throw new GenericAwsError("validation", `The simulator does not support the ListFindings filter ${key}.`);
    }
  }
  return (finding) => checks.every((check) => check(finding));
}

function sortFindings(
  context: OperationContext,
  findings: IndexedFinding[],
  sort: { field?: string; sortOrder?: string } | undefined,
) {
  if (!sort?.field) return findings;
  const direction = sort.sortOrder === "ASC" ? 1 : -1;
  const key = (finding: IndexedFinding): number | string => {
    switch (sort.field) {
      case "SEVERITY":
        return SEVERITY_ORDER.indexOf(finding.item.severity);
      case "LAST_OBSERVED_AT":
        return findingDate(context, finding, "lastObservedAt").getTime();
      case "FIRST_OBSERVED_AT":
        return findingDate(context, finding, "firstObservedAt").getTime();
      case "INSPECTOR_SCORE":
        return finding.item.inspectorScore ?? 0;
      default:
        return stringField(context, finding, sort.field === "FINDING_STATUS" ? "findingStatus" : "title") ?? "";
    }
  };
  return [...findings].sort((a, b) => {
    const left = key(a);
    const right = key(b);
    return left === right ? 0 : left < right ? -direction : direction;
  });
}

function filteredFindings(
  context: OperationContext,
  criteria: Record<string, unknown[]>,
  sort: { field?: string; sortOrder?: string } | undefined,
) {
  const cacheKey = JSON.stringify([context.region, criteria, sort ?? null, Math.floor(context.now.getTime() / 60_000)]);
  const cache = filteredCache.get(context.record) ?? new Map<string, IndexedFinding[]>();
  filteredCache.set(context.record, cache);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const all = context.index.findingsByRegion.get(context.region) ?? [];
  const result = sortFindings(context, all.filter(buildPredicate(context, criteria)), sort);
  if (cache.size >= CACHE_ENTRIES_PER_ESTATE) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, result);
  return result;
}

function findingOutput(context: OperationContext, finding: IndexedFinding): Output {
  const { item } = finding;
  const lastObserved = context.date(item.lastObservedAt);
  return {
    findingArn: finding.arn,
    awsAccountId: context.accountId,
    type: item.type,
    title: item.title,
    description: item.description ?? item.title,
    remediation: {
      recommendation: {
        text: item.fixedInVersion ? `Upgrade ${item.packageName} to ${item.fixedInVersion}` : "None Provided",
      },
    },
    severity: item.severity,
    firstObservedAt: context.date(item.firstObservedAt),
    lastObservedAt: lastObserved,
    updatedAt: item.updatedAt ? context.date(item.updatedAt) : lastObserved,
    status: item.status,
    resources: [
      {
        type: item.resource.type,
        id: item.resource.id,
        partition: "aws",
        region: finding.region,
        tags: item.resource.tags,
      },
    ],
    inspectorScore: item.inspectorScore,
    fixAvailable: item.fixAvailable,
    exploitAvailable: item.exploitAvailable,
    packageVulnerabilityDetails:
      item.type === "PACKAGE_VULNERABILITY" && item.vulnerabilityId
        ? {
            vulnerabilityId: item.vulnerabilityId,
            source: "NVD",
            sourceUrl: `https://nvd.nist.gov/vuln/detail/${item.vulnerabilityId}`,
            vendorSeverity: item.severity,
            vulnerablePackages: item.packageName
              ? [
                  {
                    name: item.packageName,
                    version: item.packageVersion ?? "0",
                    fixedInVersion: item.fixedInVersion,
                    packageManager: "OS",
                  },
                ]
              : [],
            cvss:
              item.inspectorScore !== undefined
                ? [
                    {
                      baseScore: item.inspectorScore,
                      scoringVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                      version: "3.1",
                      source: "NVD",
                    },
                  ]
                : [],
            referenceUrls: [],
          }
        : undefined,
  };
}

// botocore's State requires errorCode and errorMessage beside status; AWS fills them for a healthy
// account too, so each state carries the last transition's code and text.
function state(status: string): Output {
  return { status, ...STATE_ERRORS[status] };
}

const STATE_ERRORS: Record<string, { errorCode: string; errorMessage: string }> = {
  ENABLED: { errorCode: "ALREADY_ENABLED", errorMessage: "Amazon Inspector is enabled." },
  ENABLING: { errorCode: "ENABLE_IN_PROGRESS", errorMessage: "Amazon Inspector is being enabled." },
  DISABLING: { errorCode: "DISABLE_IN_PROGRESS", errorMessage: "Amazon Inspector is being disabled." },
  DISABLED: { errorCode: "RESOURCE_NOT_FOUND", errorMessage: "Amazon Inspector is not enabled." },
  SUSPENDING: { errorCode: "SUSPEND_IN_PROGRESS", errorMessage: "Amazon Inspector is being suspended." },
  SUSPENDED: { errorCode: "RESOURCE_NOT_FOUND", errorMessage: "Amazon Inspector is suspended." },
};

function accountState(context: OperationContext): Output {
  const status = context.estate.inspector.accountStatus.find(
    (entry) => (entry.region ?? context.index.defaultRegion) === context.region,
  );
  if (!status) {
    return {
      accountId: context.accountId,
      state: state("DISABLED"),
      resourceState: {
        ec2: state("DISABLED"),
        ecr: state("DISABLED"),
        lambda: state("DISABLED"),
        lambdaCode: state("DISABLED"),
      },
    };
  }
  return {
    accountId: context.accountId,
    state: state(status.status),
    resourceState: {
      ec2: state(status.ec2),
      ecr: state(status.ecr),
      lambda: state(status.lambda),
      lambdaCode: state(status.lambdaCode),
    },
  };
}

export const inspector2Service: ServiceDefinition = {
  key: "inspector2",
  protocol: "restJson",
  signingName: "inspector2",
  actionPrefix: "inspector2",
  operations: {
    BatchGetAccountStatus(input, context) {
      const requested: string[] = input.accountIds?.length ? input.accountIds : [context.accountId];
      return {
        accounts: requested.filter((id) => id === context.accountId).map(() => accountState(context)),
        failedAccounts: requested
          .filter((id) => id !== context.accountId)
          .map((accountId) => ({
            accountId,
            errorCode: "ACCESS_DENIED",
            errorMessage: "You do not have access to this account.",
          })),
      };
    },
    ListFindings(input, context) {
      const criteria = (input.filterCriteria ?? {}) as Record<string, unknown[]>;
      if (typeof criteria !== "object")
        throw new AwsError("ValidationException", "filterCriteria must be an object", 400);
      const findings = filteredFindings(context, criteria, input.sortCriteria);
      const page = context.paginate(
        findings,
        input.nextToken,
        pageSize(input.maxResults, { defaultSize: 50, maximum: 100, parameter: "maxResults" }),
        [criteria, input.sortCriteria ?? null],
      );
      return { findings: page.items.map((finding) => findingOutput(context, finding)), nextToken: page.nextToken };
    },
  },
};
