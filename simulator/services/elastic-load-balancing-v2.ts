import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, ServiceDefinition } from "../core/service";

// Elastic Load Balancing v2 (awsQuery, regional). Marker → NextMarker, PageSize 1-400; an unknown
// ARN or name is LoadBalancerNotFound (400).

function balancersInRegion(context: OperationContext) {
  return context.index.loadBalancers.filter((balancer) => balancer.region === context.region);
}

function notFound(): AwsError {
  return new AwsError("LoadBalancerNotFound", "One or more load balancers not found", 400);
}

export const elasticLoadBalancingV2Service: ServiceDefinition = {
  key: "elastic-load-balancing-v2",
  protocol: "query",
  signingName: "elasticloadbalancing",
  actionPrefix: "elasticloadbalancing",
  operations: {
    DescribeLoadBalancers(input, context) {
      let balancers = balancersInRegion(context);
      const arns: string[] | undefined = input.LoadBalancerArns;
      const names: string[] | undefined = input.Names;
      if (arns?.length) {
        if (arns.some((arn) => !balancers.some((balancer) => balancer.arn === arn))) throw notFound();
        balancers = balancers.filter((balancer) => arns.includes(balancer.arn));
      }
      if (names?.length) {
        if (names.some((name) => !balancers.some((balancer) => balancer.item.name === name))) throw notFound();
        balancers = balancers.filter((balancer) => names.includes(balancer.item.name));
      }
      const page = context.paginate(
        balancers,
        input.Marker,
        pageSize(input.PageSize, { defaultSize: 400, maximum: 400, parameter: "pageSize" }),
        [arns, names],
      );
      return {
        LoadBalancers: page.items.map(({ item, arn, dnsName }) => ({
          LoadBalancerArn: arn,
          DNSName: dnsName,
          CanonicalHostedZoneId: "Z35SXDOTRQ7X7K",
          CreatedTime: context.date(item.createdAt),
          LoadBalancerName: item.name,
          Scheme: item.scheme,
          VpcId: item.vpcId,
          State: { Code: item.state },
          Type: item.type,
          AvailabilityZones: [{ ZoneName: `${context.region}a` }, { ZoneName: `${context.region}b` }],
          SecurityGroups: item.type === "application" ? item.securityGroups : undefined,
          IpAddressType: "ipv4",
        })),
        NextMarker: page.nextToken,
      };
    },
    DescribeTags(input, context) {
      const arns: string[] = input.ResourceArns ?? [];
      const balancers = balancersInRegion(context);
      return {
        TagDescriptions: arns.map((arn) => {
          const balancer = balancers.find((candidate) => candidate.arn === arn);
          if (!balancer) throw notFound();
          return { ResourceArn: arn, Tags: Object.entries(balancer.item.tags).map(([Key, Value]) => ({ Key, Value })) };
        }),
      };
    },
  },
};
