import { AwsError, GenericAwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { ServiceDefinition } from "../core/service";
import { stableHex } from "../estate/ids";

// RDS (awsQuery, regional). Marker/MaxRecords (20-100, default 100); DBInstanceNotFound is 404.
export const rdsService: ServiceDefinition = {
  key: "rds",
  protocol: "query",
  signingName: "rds",
  actionPrefix: "rds",
  errorCodes: {
    invalidPaginationToken: { code: "InvalidParameterValue", status: 400 },
    validation: { code: "InvalidParameterValue", status: 400 },
  },
  operations: {
    DescribeDBInstances(input, context) {
      let instances = context.estate.rds.instances.filter(
        (instance) => (instance.region ?? context.index.defaultRegion) === context.region,
      );
      if (input.DBInstanceIdentifier) {
        const identifier = String(input.DBInstanceIdentifier).replace(/^arn:aws:rds:[^:]+:\d+:db:/, "");
        instances = instances.filter((instance) => instance.identifier === identifier);
        if (instances.length === 0)
          throw new AwsError("DBInstanceNotFound", `DBInstance ${identifier} not found.`, 404);
      }
      for (const filter of (input.Filters ?? []) as { Name: string; Values: string[] }[]) {
        if (filter.Name === "db-instance-id")
          instances = instances.filter((instance) => filter.Values.includes(instance.identifier));
        else if (filter.Name === "engine")
          instances = instances.filter((instance) => filter.Values.includes(instance.engine));
        else throw new GenericAwsError("validation", `Unrecognized filter name: ${filter.Name}`);
      }
      const page = context.paginate(
        instances,
        input.Marker,
        pageSize(input.MaxRecords, { defaultSize: 100, minimum: 20, maximum: 100, parameter: "maxRecords" }),
        input.Filters ?? null,
      );
      return {
        DBInstances: page.items.map((instance) => ({
          DBInstanceIdentifier: instance.identifier,
          DBInstanceClass: instance.instanceClass,
          Engine: instance.engine,
          DBInstanceStatus: instance.status,
          MasterUsername: "dbadmin",
          Endpoint: {
            Address: `${instance.identifier}.${stableHex(12, context.accountId, context.region)}.${context.region}.rds.amazonaws.com`,
            Port: instance.port,
            HostedZoneId: "Z2R2ITUGPM61AM",
          },
          AllocatedStorage: instance.allocatedStorageGiB,
          InstanceCreateTime: context.date(instance.createdAt),
          BackupRetentionPeriod: instance.backupRetentionPeriod,
          AvailabilityZone: `${context.region}a`,
          DBSubnetGroup: instance.vpcId
            ? { DBSubnetGroupName: "default", VpcId: instance.vpcId, SubnetGroupStatus: "Complete" }
            : undefined,
          MultiAZ: instance.multiAz,
          EngineVersion: instance.engineVersion,
          AutoMinorVersionUpgrade: true,
          PubliclyAccessible: instance.publiclyAccessible,
          StorageType: "gp3",
          DbInstancePort: 0,
          StorageEncrypted: instance.storageEncrypted,
          KmsKeyId: instance.storageEncrypted ? instance.kmsKeyId : undefined,
          DbiResourceId: `db-${stableHex(26, context.accountId, instance.identifier).toUpperCase()}`,
          DBInstanceArn: `arn:aws:rds:${context.region}:${context.accountId}:db:${instance.identifier}`,
          DeletionProtection: false,
          TagList: Object.entries(instance.tags).map(([Key, Value]) => ({ Key, Value })),
        })),
        Marker: page.nextToken,
      };
    },
  },
};
