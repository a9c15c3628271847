import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from "@aws-sdk/client-guardduty";
import type { GuardDutyDetectorEvidence, GuardDutyEvidence } from "../evidence/guardduty";
import { CallRecorder, type FailedCall } from "./call-recorder";
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

/**
 * Per-call evidence (issue 12 item 1): a detector whose GetDetector failed is left out and the call is
 * named; the other detectors are kept. DET-2 needs both calls (a detector's status is its evidence).
 */
export async function collectGuardDuty(
  client: GuardDutyClient,
  region: string,
): Promise<{ evidence: GuardDutyEvidence; failedCalls: FailedCall[] }> {
  const calls = new CallRecorder();
  const detectorIds = await calls.attempt(listDetectors(client, region), []);
  const detectors = await mapConcurrently(detectorIds, (detectorId) =>
    calls.attempt(getDetector(client, region, detectorId), null),
  );
  calls.throwIfNothingAnswered();
  return {
    evidence: { region, detectors: detectors.filter((detector) => detector !== null) },
    failedCalls: calls.failedCalls,
  };
}

export const guardDutyCollector: CollectorDefinition<GuardDutyEvidence> = {
  key: "guardduty",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const { evidence, failedCalls } = await withSessionClient(GuardDutyClient, session, region, (client) =>
      collectGuardDuty(client, region),
    );
    return { evidence, failedCalls, itemCount: evidence.detectors.length };
  },
};
