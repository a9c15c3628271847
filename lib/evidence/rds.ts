// The rds evidence as its collector (lib/aws/rds.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface DbInstanceEvidence {
  dbInstanceIdentifier: string;
  dbInstanceArn: string | null;
  engine: string | null;
  engineVersion: string | null;
  instanceClass: string | null;
  status: string | null;
  /** NET-6 / NET-7. */
  publiclyAccessible: boolean;
  endpointAddress: string | null;
  endpointPort: number | null;
  vpcId: string | null;
  multiAz: boolean;
  storageEncrypted: boolean;
  kmsKeyId: string | null;
  createdAt: string | null;
  tags: Record<string, string>;
}

export interface RdsEvidence {
  region: string;
  dbInstances: DbInstanceEvidence[];
}
