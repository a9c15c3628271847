import { CloudWatchLogsClient, type LogGroup, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import type { CloudWatchLogsEvidence, LogGroupEvidence } from "../evidence/cloudwatch-logs";
import { withSessionClient } from "./clients";
import { collectPages, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "cloudwatch-logs";

export function mapLogGroup(group: LogGroup): LogGroupEvidence {
  return {
    name: group.logGroupName ?? "",
    arn: group.arn ?? null,
    retentionInDays: group.retentionInDays ?? null,
    kmsKeyId: group.kmsKeyId ?? null,
    createdAt: toIsoString(group.creationTime),
    storedBytes: group.storedBytes ?? null,
  };
}

/** DescribeLogGroups, all pages (limit 50 is the API maximum); optionally only names with a prefix. */
export async function describeLogGroups(
  client: CloudWatchLogsClient,
  region: string,
  logGroupNamePrefix?: string,
): Promise<LogGroupEvidence[]> {
  const groups = await collectPages(
    { service: SERVICE, operation: "DescribeLogGroups", region },
    () => paginateDescribeLogGroups({ client, pageSize: 50 }, logGroupNamePrefix ? { logGroupNamePrefix } : {}),
    (page) => page.logGroups,
  );
  return groups.map(mapLogGroup);
}

export const cloudWatchLogsCollector: CollectorDefinition<CloudWatchLogsEvidence> = {
  key: "cloudwatch-logs",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const logGroups = await withSessionClient(CloudWatchLogsClient, session, region, (client) =>
      describeLogGroups(client, region),
    );
    return { evidence: { region, logGroups }, itemCount: logGroups.length };
  },
};
