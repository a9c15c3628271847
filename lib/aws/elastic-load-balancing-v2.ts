import {
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElasticLoadBalancingV2Evidence, LoadBalancerEvidence } from "../evidence/elastic-load-balancing-v2";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "elastic-load-balancing-v2";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

export function mapLoadBalancer(loadBalancer: LoadBalancer): Omit<LoadBalancerEvidence, "tags"> {
  return {
    loadBalancerArn: loadBalancer.LoadBalancerArn ?? "",
    loadBalancerName: loadBalancer.LoadBalancerName ?? "",
    scheme: loadBalancer.Scheme ?? null,
    type: loadBalancer.Type ?? null,
    dnsName: loadBalancer.DNSName ?? null,
    vpcId: loadBalancer.VpcId ?? null,
    state: loadBalancer.State?.Code ?? null,
    createdAt: toIsoString(loadBalancer.CreatedTime),
    securityGroupIds: loadBalancer.SecurityGroups ?? [],
  };
}

export async function describeLoadBalancers(client: ElasticLoadBalancingV2Client, region: string) {
  const loadBalancers = await collectPages(
    context("DescribeLoadBalancers", region),
    () => paginateDescribeLoadBalancers({ client }, { PageSize: 400 }),
    (page) => page.LoadBalancers,
  );
  return loadBalancers.map(mapLoadBalancer);
}

// DescribeTags accepts at most 20 resource ARNs per call (ELBv2 API reference).
const TAGS_BATCH_SIZE = 20;

/** Tags per load balancer ARN (GOV-2 reads tags from each service's own inventory). */
export async function describeTags(
  client: ElasticLoadBalancingV2Client,
  region: string,
  resourceArns: string[],
): Promise<Map<string, Record<string, string>>> {
  const batches: string[][] = [];
  for (let index = 0; index < resourceArns.length; index += TAGS_BATCH_SIZE) {
    batches.push(resourceArns.slice(index, index + TAGS_BATCH_SIZE));
  }
  const responses = await mapConcurrently(batches, (batch) =>
    callAws(context("DescribeTags", region), () => client.send(new DescribeTagsCommand({ ResourceArns: batch }))),
  );
  const tagsByArn = new Map<string, Record<string, string>>();
  for (const response of responses) {
    for (const description of response.TagDescriptions ?? []) {
      tagsByArn.set(
        description.ResourceArn ?? "",
        Object.fromEntries((description.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""])),
      );
    }
  }
  return tagsByArn;
}

/**
 * Per-call evidence (issue 12 item 1): the load balancers (NET-7's public endpoints) and their tags
 * (GOV-2) are read independently; a failed DescribeTags batch leaves its load balancers without tags
 * and is named, and only GOV-2 needs it.
 */
export async function collectElasticLoadBalancingV2(
  client: ElasticLoadBalancingV2Client,
  region: string,
): Promise<{ evidence: ElasticLoadBalancingV2Evidence; failedCalls: FailedCall[] }> {
  const calls = new CallRecorder();
  const described = await calls.attempt(describeLoadBalancers(client, region), []);
  const arns = described.map((loadBalancer) => loadBalancer.loadBalancerArn);
  const batches: string[][] = [];
  for (let index = 0; index < arns.length; index += TAGS_BATCH_SIZE)
    batches.push(arns.slice(index, index + TAGS_BATCH_SIZE));
  const tagMaps = await mapConcurrently(batches, (batch) =>
    calls.attempt(describeTags(client, region, batch), new Map<string, Record<string, string>>()),
  );
  const tagsByArn = new Map(tagMaps.flatMap((tags) => [...tags]));
  calls.throwIfNothingAnswered();
  return {
    evidence: {
      region,
      loadBalancers: described.map((loadBalancer) => ({
        ...loadBalancer,
        tags: tagsByArn.get(loadBalancer.loadBalancerArn) ?? {},
      })),
    },
    failedCalls: calls.failedCalls,
  };
}

export const elasticLoadBalancingV2Collector: CollectorDefinition<ElasticLoadBalancingV2Evidence> = {
  key: "elastic-load-balancing-v2",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const { evidence, failedCalls } = await withSessionClient(ElasticLoadBalancingV2Client, session, region, (client) =>
      collectElasticLoadBalancingV2(client, region),
    );
    return { evidence, failedCalls, itemCount: evidence.loadBalancers.length };
  },
};
