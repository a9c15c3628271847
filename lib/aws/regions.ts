import { DescribeInstancesCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { isEnabledRegion, type RegionSweep, type RegionsEvidence } from "../evidence/regions";
import { CallRecorder } from "./call-recorder";
import { withSessionClient } from "./clients";
import { describeRegions } from "./ec2";
import { callAws } from "./errors";
import { mapConcurrently } from "./pagination";
import type { CollectorDefinition } from "./types";

export type { RegionSweep, RegionsEvidence } from "../evidence/regions";

// The account's regions with their opt-in status, read once per sync, and a light sweep of every enabled
// region that is not configured for the account: does it hold anything? (controls.md, Collection notes:
// resources in an enabled but unconfigured region are a coverage warning, never silence.)
//
// "Holds resources" is decided from two cheap EC2 reads per region: one page of up to 5 instances that are
// not terminated, and the VPCs other than the default one (AWS creates a default VPC in every region, so
// it says nothing). A workload almost always has one or the other; S3 buckets are global and already
// collected, so they need no sweep. The Tagging API was rejected: it misses never-tagged resources.

const SERVICE = "ec2";

/**
 * Per-call evidence (issue 12 item 1): each read of the sweep answers or fails on its own. A failed call
 * leaves its list empty and is named; a region where both failed has no sweep. DescribeRegions is the
 * whole evidence: without it nothing is swept and the collector fails.
 */
export async function sweepRegion(client: EC2Client, region: string, calls: CallRecorder): Promise<RegionSweep | null> {
  const [instances, vpcs] = await Promise.all([
    calls.attempt(
      callAws({ service: SERVICE, operation: "DescribeInstances", region }, () =>
        client.send(
          new DescribeInstancesCommand({
            MaxResults: 5,
            Filters: [{ Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] }],
          }),
        ),
      ),
      null,
    ),
    calls.attempt(
      callAws({ service: SERVICE, operation: "DescribeVpcs", region }, () =>
        client.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["false"] }] })),
      ),
      null,
    ),
  ]);
  if (!instances && !vpcs) return null;
  return {
    region,
    instanceIds: (instances?.Reservations ?? [])
      .flatMap((reservation) => reservation.Instances ?? [])
      .flatMap((instance) => (instance.InstanceId ? [instance.InstanceId] : [])),
    vpcIds: (vpcs?.Vpcs ?? []).flatMap((vpc) => (vpc.VpcId ? [vpc.VpcId] : [])),
  };
}

export const regionsCollector: CollectorDefinition<RegionsEvidence> = {
  key: "regions",
  service: SERVICE,
  scope: "global",
  async collect(session) {
    const home = session.regions[0] ?? "us-east-1";
    const configured = new Set(session.regions);
    const regions = await withSessionClient(EC2Client, session, home, (client) => describeRegions(client, home));
    const toSweep = regions.filter((region) => isEnabledRegion(region) && !configured.has(region.regionName));
    const calls = new CallRecorder();
    const sweeps = await mapConcurrently(toSweep, (region) =>
      withSessionClient(EC2Client, session, region.regionName, (client) =>
        sweepRegion(client, region.regionName, calls),
      ),
    );
    return {
      evidence: { readFrom: home, regions, sweeps: sweeps.filter((sweep) => sweep !== null) },
      failedCalls: calls.failedCalls,
      itemCount: regions.length,
    };
  },
};
