// The AWS commercial regions Rampart knows, as EC2 DescribeRegions(AllRegions) lists them: those enabled
// in every account (opt-in-not-required) and those an account must opt in to. The account form offers
// these as choices and refuses anything else; the simulator answers DescribeRegions from the same lists.
// Sources: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html and botocore
// 1.43.11 `data/endpoints.json` (partition "aws"). Rampart's role ARNs are `arn:aws:` only, so China and
// GovCloud regions cannot hold a connected account. A region AWS opens later is added here; until then the
// form refuses it with the list it expects.

export const DEFAULT_ENABLED_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "sa-east-1",
] as const;

export const OPT_IN_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
] as const;

export type AwsRegion = (typeof DEFAULT_ENABLED_REGIONS)[number] | (typeof OPT_IN_REGIONS)[number];

/** Every known region, sorted by name. */
export const AWS_REGIONS: readonly AwsRegion[] = [...DEFAULT_ENABLED_REGIONS, ...OPT_IN_REGIONS].sort();

const KNOWN = new Set<string>(AWS_REGIONS);

export function isKnownRegion(region: string): region is AwsRegion {
  return KNOWN.has(region);
}
