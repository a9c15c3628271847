import { pageSize } from "../core/pagination";
import type { OperationContext, ServiceDefinition } from "../core/service";

// Resource Groups Tagging API (awsJson1_1, regional). Only resources that carry at least one tag
// are returned — never-tagged resources are invisible here, as in AWS (aws-api-map.md §1).
// The last page answers PaginationToken "" rather than omitting it, as AWS does.

interface TaggedResource {
  arn: string;
  /** service:resourceType as used by ResourceTypeFilters, e.g. "ec2:instance", "s3". */
  type: string;
  tags: Record<string, string>;
}

function taggedResources(context: OperationContext): TaggedResource[] {
  const { estate, region, accountId, index } = context;
  const here = <T extends { region?: string }>(items: T[]) =>
    items.filter((item) => (item.region ?? index.defaultRegion) === region);
  const ec2 = (kind: string, id: string) => `arn:aws:ec2:${region}:${accountId}:${kind}/${id}`;
  const resources: TaggedResource[] = [
    ...here(estate.ec2.instances).map((item) => ({
      arn: ec2("instance", item.id),
      type: "ec2:instance",
      tags: item.tags,
    })),
    ...here(estate.ec2.volumes).map((item) => ({ arn: ec2("volume", item.id), type: "ec2:volume", tags: item.tags })),
    ...here(estate.ec2.vpcs).map((item) => ({ arn: ec2("vpc", item.id), type: "ec2:vpc", tags: item.tags })),
    ...here(estate.ec2.securityGroups).map((item) => ({
      arn: ec2("security-group", item.id),
      type: "ec2:security-group",
      tags: item.tags,
    })),
    ...here(estate.ec2.addresses).map((item) => ({
      arn: ec2("elastic-ip", item.allocationId),
      type: "ec2:elastic-ip",
      tags: item.tags,
    })),
    ...here(estate.s3.buckets).map((item) => ({ arn: `arn:aws:s3:::${item.name}`, type: "s3", tags: item.tags })),
    ...here(estate.rds.instances).map((item) => ({
      arn: `arn:aws:rds:${region}:${accountId}:db:${item.identifier}`,
      type: "rds:db",
      tags: item.tags,
    })),
    ...index.loadBalancers
      .filter((entry) => entry.region === region)
      .map((entry) => ({ arn: entry.arn, type: "elasticloadbalancing:loadbalancer", tags: entry.item.tags })),
    ...index.kmsKeys
      .filter((entry) => entry.region === region)
      .map((entry) => ({ arn: entry.arn, type: "kms:key", tags: entry.item.tags })),
    ...estate.cloudtrail.trails
      .filter((trail) => trail.homeRegion === region)
      .map((trail) => ({
        arn: `arn:aws:cloudtrail:${region}:${accountId}:trail/${trail.name}`,
        type: "cloudtrail:trail",
        tags: trail.tags,
      })),
  ];
  return resources.filter((resource) => Object.keys(resource.tags).length > 0);
}

function matchesType(resource: TaggedResource, filters: string[] | undefined): boolean {
  if (!filters?.length) return true;
  return filters.some((filter) => resource.type === filter || resource.type.startsWith(`${filter}:`));
}

export const resourceGroupsTaggingApiService: ServiceDefinition = {
  key: "resource-groups-tagging-api",
  protocol: "json",
  signingName: "tagging",
  actionPrefix: "tag",
  errorCodes: {
    throttle: { code: "ThrottledException", status: 400 },
    invalidPaginationToken: { code: "PaginationTokenExpiredException", status: 400 },
    validation: { code: "InvalidParameterException", status: 400 },
  },
  operations: {
    GetResources(input, context) {
      const tagFilters: { Key: string; Values?: string[] }[] = input.TagFilters ?? [];
      const arnList: string[] | undefined = input.ResourceARNList;
      const resources = taggedResources(context)
        .filter((resource) => matchesType(resource, input.ResourceTypeFilters))
        .filter((resource) => !arnList?.length || arnList.includes(resource.arn))
        .filter((resource) =>
          tagFilters.every(
            (filter) =>
              filter.Key in resource.tags &&
              (!filter.Values?.length || filter.Values.includes(resource.tags[filter.Key])),
          ),
        );
      const page = context.paginate(
        resources,
        input.PaginationToken,
        pageSize(input.ResourcesPerPage, { defaultSize: 50, maximum: 100, parameter: "resourcesPerPage" }),
        [tagFilters, input.ResourceTypeFilters, arnList],
      );
      return {
        ResourceTagMappingList: page.items.map((resource) => ({
          ResourceARN: resource.arn,
          Tags: Object.entries(resource.tags).map(([Key, Value]) => ({ Key, Value })),
        })),
        PaginationToken: page.nextToken ?? "",
      };
    },
  },
};
