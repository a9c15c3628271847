import type { RegionAvailability } from "./ec2";

// The regions evidence and the pure functions that read it, apart from the collector (no SDK), so alert
// sources and read models can use them.

export interface RegionSweep {
  region: string;
  /** Up to 5 instance ids (pending, running, stopping, stopped). */
  instanceIds: string[];
  /** Non-default VPC ids. */
  vpcIds: string[];
}

export interface RegionsEvidence {
  /** Where DescribeRegions was called (the account's first configured region). */
  readFrom: string;
  regions: RegionAvailability[];
  /** Enabled regions not configured for the account, swept for resources. */
  sweeps: RegionSweep[];
}

/** opt-in-not-required and opted-in regions are enabled; not-opted-in ones cannot be called. */
export function isEnabledRegion(region: RegionAvailability): boolean {
  return region.optInStatus === "opt-in-not-required" || region.optInStatus === "opted-in";
}

/** Enabled regions that hold resources but are not configured for the account. */
export function unconfiguredRegionsWithResources(evidence: RegionsEvidence): RegionSweep[] {
  return evidence.sweeps.filter((sweep) => sweep.instanceIds.length > 0 || sweep.vpcIds.length > 0);
}

/**
 * The calls behind the regions evidence (lib/aws/regions.ts): EC2 operations, although the collector's key
 * is "regions", so evidence packs name them from here rather than from the key.
 */
export const REGIONS_EVIDENCE_CALLS = ["ec2:DescribeRegions", "ec2:DescribeInstances", "ec2:DescribeVpcs"] as const;
