// The elastic-load-balancing-v2 evidence as its collector (lib/aws/elastic-load-balancing-v2.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface LoadBalancerEvidence {
  loadBalancerArn: string;
  loadBalancerName: string;
  /** internet-facing or internal (NET-7). */
  scheme: string | null;
  /** application, network, gateway. */
  type: string | null;
  dnsName: string | null;
  vpcId: string | null;
  state: string | null;
  createdAt: string | null;
  securityGroupIds: string[];
  tags: Record<string, string>;
}

export interface ElasticLoadBalancingV2Evidence {
  region: string;
  loadBalancers: LoadBalancerEvidence[];
}
