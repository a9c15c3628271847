import { type DBInstance, paginateDescribeDBInstances, RDSClient } from "@aws-sdk/client-rds";
import type { DbInstanceEvidence, RdsEvidence } from "../evidence/rds";
import { withSessionClient } from "./clients";
import { collectPages, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "rds";

export function mapDbInstance(instance: DBInstance): DbInstanceEvidence {
  return {
    dbInstanceIdentifier: instance.DBInstanceIdentifier ?? "",
    dbInstanceArn: instance.DBInstanceArn ?? null,
    engine: instance.Engine ?? null,
    engineVersion: instance.EngineVersion ?? null,
    instanceClass: instance.DBInstanceClass ?? null,
    status: instance.DBInstanceStatus ?? null,
    publiclyAccessible: instance.PubliclyAccessible ?? false,
    endpointAddress: instance.Endpoint?.Address ?? null,
    endpointPort: instance.Endpoint?.Port ?? null,
    vpcId: instance.DBSubnetGroup?.VpcId ?? null,
    multiAz: instance.MultiAZ ?? false,
    storageEncrypted: instance.StorageEncrypted ?? false,
    kmsKeyId: instance.KmsKeyId ?? null,
    createdAt: toIsoString(instance.InstanceCreateTime),
    tags: Object.fromEntries((instance.TagList ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""])),
  };
}

export async function describeDbInstances(client: RDSClient, region: string): Promise<DbInstanceEvidence[]> {
  const instances = await collectPages(
    { service: SERVICE, operation: "DescribeDBInstances", region },
    () => paginateDescribeDBInstances({ client, pageSize: 100 }, {}),
    (page) => page.DBInstances,
  );
  return instances.map(mapDbInstance);
}

export const rdsCollector: CollectorDefinition<RdsEvidence> = {
  key: "rds",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const dbInstances = await withSessionClient(RDSClient, session, region, (client) =>
      describeDbInstances(client, region),
    );
    return { evidence: { region, dbInstances }, itemCount: dbInstances.length };
  },
};
