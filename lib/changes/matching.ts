import { DAY_MS } from "../dates";
import type { PrismaClient } from "../db/client";
import type { ChangeStatus } from "../db/generated/client";

// SOP 000 §11: a configuration change is legitimate when an approved change request covers it — its
// window covers when the change happened and its affected components include what changed. Rampart
// sees a change at the first sync after it: the change happened after the previous collection
// (previousSeenAt) and by the one that showed it (firstSeenAt). So a window covers it when it had
// started by firstSeenAt and had not ended before previousSeenAt (the sync lag: a change seen at the
// first sync after the window's end, whose previous collection was before that end, counts).

/** Statuses of a request that authorises changes (approved, running, validated or closed into the log). */
/** Changes older than this are no longer re-matched (nor their alerts reconciled) at each sync. */
export const MATCH_LOOKBACK_DAYS = 365;

export const AUTHORISING_STATUSES: readonly ChangeStatus[] = ["APPROVED", "IN_PROGRESS", "VALIDATED", "CLOSED"];

export interface MatchableChange {
  awsAccountId: string;
  region: string;
  resourceKind: string;
  resourceId: string;
  firstSeenAt: Date;
  previousSeenAt: Date | null;
}

export interface MatchableRequest {
  id: string;
  status: ChangeStatus;
  windowStart: Date;
  windowEnd: Date;
  components: {
    awsAccountId: string;
    region: string | null;
    resourceKind: string | null;
    resourceId: string | null;
  }[];
}

export function windowCovers(request: Pick<MatchableRequest, "windowStart" | "windowEnd">, change: MatchableChange) {
  if (request.windowStart.getTime() > change.firstSeenAt.getTime()) return false;
  if (change.firstSeenAt.getTime() <= request.windowEnd.getTime()) return true;
  return change.previousSeenAt !== null && change.previousSeenAt.getTime() < request.windowEnd.getTime();
}

/** An IAM user may be named by its name or its ARN (…:user/path/name). */
function sameResource(componentId: string, change: MatchableChange): boolean {
  if (componentId === change.resourceId) return true;
  return (
    change.resourceKind.startsWith("iam-") &&
    componentId.startsWith("arn:") &&
    componentId.endsWith(`/${change.resourceId}`)
  );
}

export function componentCovers(component: MatchableRequest["components"][number], change: MatchableChange): boolean {
  if (component.awsAccountId !== change.awsAccountId) return false;
  // Global resources (IAM, S3's account settings) have no region: a region on the component does not narrow them.
  if (component.region && change.region !== "global" && component.region !== change.region) return false;
  if (component.resourceId) {
    if (component.resourceKind && component.resourceKind !== change.resourceKind) return false;
    if (!sameResource(component.resourceId, change)) return false;
  }
  return true;
}

/** The authorising request covering the change (the one whose window started last), or null. */
export function findCoveringRequest<R extends MatchableRequest>(
  change: MatchableChange,
  requests: readonly R[],
): R | null {
  const covering = requests.filter(
    (request) =>
      AUTHORISING_STATUSES.includes(request.status) &&
      windowCovers(request, change) &&
      request.components.some((component) => componentCovers(component, change)),
  );
  covering.sort((left, right) => right.windowStart.getTime() - left.windowStart.getTime());
  return covering[0] ?? null;
}

/**
 * Matches the customer's detected changes that have no authorising request (never matched, or matched
 * to one since cancelled or rejected) against its requests now. Returns how many changed their match.
 */
export async function matchDetectedChanges(
  client: PrismaClient,
  input: { customerId: string; awsAccountIds?: readonly string[] },
): Promise<number> {
  const changes = await client.detectedChange.findMany({
    where: {
      customerId: input.customerId,
      ...(input.awsAccountIds ? { awsAccountId: { in: [...input.awsAccountIds] } } : {}),
      firstSeenAt: { gte: new Date(Date.now() - MATCH_LOOKBACK_DAYS * DAY_MS) },
      OR: [{ changeRequestId: null }, { changeRequest: { status: { notIn: [...AUTHORISING_STATUSES] } } }],
    },
    select: {
      id: true,
      changeRequestId: true,
      awsAccountId: true,
      region: true,
      resourceKind: true,
      resourceId: true,
      firstSeenAt: true,
      previousSeenAt: true,
    },
  });
  if (changes.length === 0) return 0;
  const requests = await client.changeRequest.findMany({
    where: {
      customerId: input.customerId,
      status: { in: [...AUTHORISING_STATUSES] },
      windowStart: { lte: new Date(Math.max(...changes.map((change) => change.firstSeenAt.getTime()))) },
    },
    select: {
      id: true,
      status: true,
      windowStart: true,
      windowEnd: true,
      components: { select: { awsAccountId: true, region: true, resourceKind: true, resourceId: true } },
    },
  });
  let updated = 0;
  for (const change of changes) {
    const request = findCoveringRequest(change, requests);
    const changeRequestId = request?.id ?? null;
    if (changeRequestId === change.changeRequestId) continue;
    await client.detectedChange.update({ where: { id: change.id }, data: { changeRequestId } });
    updated += 1;
  }
  return updated;
}
