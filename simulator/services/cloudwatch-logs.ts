import { pageSize } from "../core/pagination";
import type { ServiceDefinition } from "../core/service";

// CloudWatch Logs (awsJson1_1). creationTime is epoch milliseconds (a long, not a timestamp);
// retentionInDays is absent when the group never expires.
export const cloudwatchLogsService: ServiceDefinition = {
  key: "cloudwatch-logs",
  protocol: "json",
  signingName: "logs",
  actionPrefix: "logs",
  errorCodes: { invalidPaginationToken: { code: "InvalidParameterException", status: 400 } },
  operations: {
    DescribeLogGroups(input, context) {
      const prefix: string = input.logGroupNamePrefix ?? "";
      const pattern: string | undefined = input.logGroupNamePattern;
      const groups = context.estate.logs.logGroups
        .filter((group) => (group.region ?? context.index.defaultRegion) === context.region)
        .filter(
          (group) =>
            group.name.startsWith(prefix) && (!pattern || group.name.toLowerCase().includes(pattern.toLowerCase())),
        )
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = context.paginate(
        groups,
        input.nextToken,
        pageSize(input.limit, { defaultSize: 50, maximum: 50, parameter: "limit" }),
        [prefix, pattern],
      );
      return {
        logGroups: page.items.map((group) => {
          const arn = `arn:aws:logs:${context.region}:${context.accountId}:log-group:${group.name}`;
          return {
            logGroupName: group.name,
            creationTime: context.date(group.createdAt).getTime(),
            retentionInDays: group.retentionInDays,
            metricFilterCount: group.metricFilterCount,
            arn: `${arn}:*`,
            logGroupArn: arn,
            storedBytes: group.storedBytes,
            kmsKeyId: group.kmsKeyId,
            logGroupClass: "STANDARD",
          };
        }),
        nextToken: page.nextToken,
      };
    },
  },
};
