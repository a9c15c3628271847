// The cloudwatch-logs evidence as its collector (lib/aws/cloudwatch-logs.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface LogGroupEvidence {
  name: string;
  arn: string | null;
  /** Absent in AWS = never expire (TRAIL-4 passes); null here means the same. */
  retentionInDays: number | null;
  kmsKeyId: string | null;
  createdAt: string | null;
  storedBytes: number | null;
}

export interface CloudWatchLogsEvidence {
  region: string;
  logGroups: LogGroupEvidence[];
}
