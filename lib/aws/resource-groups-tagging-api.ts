import { paginateGetResources, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import type { ResourceGroupsTaggingApiEvidence, TaggedResourceEvidence } from "../evidence/resource-groups-tagging-api";
import { withSessionClient } from "./clients";
import { collectPages } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "resource-groups-tagging-api";

export async function getResources(
  client: ResourceGroupsTaggingAPIClient,
  region: string,
): Promise<TaggedResourceEvidence[]> {
  const mappings = await collectPages(
    { service: SERVICE, operation: "GetResources", region },
    () => paginateGetResources({ client, pageSize: 100 }, {}),
    (page) => page.ResourceTagMappingList,
  );
  return mappings.map((mapping) => ({
    resourceArn: mapping.ResourceARN ?? "",
    tags: Object.fromEntries((mapping.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""])),
  }));
}

export const resourceGroupsTaggingApiCollector: CollectorDefinition<ResourceGroupsTaggingApiEvidence> = {
  key: "resource-groups-tagging-api",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const resources = await withSessionClient(ResourceGroupsTaggingAPIClient, session, region, (client) =>
      getResources(client, region),
    );
    return { evidence: { region, resources }, itemCount: resources.length };
  },
};
