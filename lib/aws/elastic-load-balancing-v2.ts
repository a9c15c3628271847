import {
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElasticLoadBalancingV2Evidence, LoadBalancerEvidence } from "../evidence/elastic-load-balancing-v2";
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

export const elasticLoadBalancingV2Collector: CollectorDefinition<ElasticLoadBalancingV2Evidence> = {
  key: "elastic-load-balancing-v2",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const loadBalancers = await withSessionClient(ElasticLoadBalancingV2Client, session, region, async (client) => {
      const described = await describeLoadBalancers(client, region);
      const tagsByArn = await describeTags(
        client,
        region,
        described.map((loadBalancer) => loadBalancer.loadBalancerArn),
      );
      return described.map((loadBalancer) => ({
        ...loadBalancer,
        tags: tagsByArn.get(loadBalancer.loadBalancerArn) ?? {},
      }));
    });
    return { evidence: { region, loadBalancers }, itemCount: loadBalancers.length };
  },
};
