import { COLLECTORS } from "../aws/collectors";
import { assumeAuditRole } from "../aws/sts";
import type { SyncDependencies } from "./sync-account";

/** Production wiring: the real collectors and STS from the SDK default credential chain. */
export function defaultSyncDependencies(): SyncDependencies {
  return {
    collectors: COLLECTORS,
    openSession: (target) =>
      assumeAuditRole({
        accountNumber: target.accountNumber,
        roleArn: target.roleArn,
        externalId: target.externalId,
        region: target.regions[0] ?? "us-east-1",
        regions: target.regions,
      }),
  };
}
