import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from "@aws-sdk/client-guardduty";
import type { GuardDutyDetectorEvidence, GuardDutyEvidence } from "../evidence/guardduty";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "guardduty";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

export async function listDetectors(client: GuardDutyClient, region: string): Promise<string[]> {
  return collectPages(
    context("ListDetectors", region),
    () => paginateListDetectors({ client, pageSize: 50 }, {}),
    (page) => page.DetectorIds,
  );
}

export async function getDetector(
  client: GuardDutyClient,
  region: string,
  detectorId: string,
): Promise<GuardDutyDetectorEvidence> {
  const response = await callAws(context("GetDetector", region), () =>
    client.send(new GetDetectorCommand({ DetectorId: detectorId })),
  );
  return {
    detectorId,
    status: response.Status ?? null,
    findingPublishingFrequency: response.FindingPublishingFrequency ?? null,
    createdAt: toIsoString(response.CreatedAt),
    updatedAt: toIsoString(response.UpdatedAt),
    features: (response.Features ?? []).map((feature) => ({
      name: feature.Name ?? "",
      status: feature.Status ?? null,
    })),
  };
}

export const guardDutyCollector: CollectorDefinition<GuardDutyEvidence> = {
  key: "guardduty",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const detectors = await withSessionClient(GuardDutyClient, session, region, async (client) => {
      const detectorIds = await listDetectors(client, region);
      return mapConcurrently(detectorIds, (detectorId) => getDetector(client, region, detectorId));
    });
    return { evidence: { region, detectors }, itemCount: detectors.length };
  },
};
