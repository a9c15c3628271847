// The resource-groups-tagging-api evidence as its collector (lib/aws/resource-groups-tagging-api.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface TaggedResourceEvidence {
  resourceArn: string;
  tags: Record<string, string>;
}

export interface ResourceGroupsTaggingApiEvidence {
  region: string;
  /**
   * Resources that carry or once carried tags. Never-tagged resources are absent from this API
   * (api-map §1), so GOV-2 reads the service inventories first and uses this as a cross-check.
   */
  resources: TaggedResourceEvidence[];
}
