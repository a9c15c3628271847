import { DEFAULT_CONTROL_PARAMS } from "../controls/params";
import { listPublicEndpoints, type PublicEndpoint } from "../controls/rules/network";
import type { Prisma } from "../db/generated/client";
import { buildEvidenceLookup } from "./evidence-lookup";

// An account's current public endpoints (the NET-7 inventory), computed by the rule's own helper from
// the account's current evidence, so the inventory a consultant acknowledges and the keys NET-7 checks
// can never drift apart. Evidence kept from an earlier run (the latest run could not read that service)
// still counts here: it is the best knowledge of what is exposed, and acknowledging it early is harmless.

/** The collectors listPublicEndpoints reads; loading only these keeps a 1,000-user IAM document out of it. */
const ENDPOINT_COLLECTORS = ["elastic-load-balancing-v2", "ec2", "rds"];

type EvidenceReader = Pick<Prisma.TransactionClient, "evidence">;

export interface EndpointAccount {
  id: string;
  accountNumber: string;
  alias: string;
  regions: readonly string[];
}

export async function listCurrentPublicEndpoints(
  client: EvidenceReader,
  account: EndpointAccount,
  now: Date = new Date(),
): Promise<PublicEndpoint[]> {
  const evidence = await client.evidence.findMany({
    where: { awsAccountId: account.id, isCurrent: true, collector: { in: ENDPOINT_COLLECTORS } },
    select: { collector: true, region: true, data: true, confirmedAt: true },
  });
  return listPublicEndpoints({
    account: { accountNumber: account.accountNumber, alias: account.alias, regions: account.regions },
    evaluatedAt: now,
    params: DEFAULT_CONTROL_PARAMS,
    evidence: buildEvidenceLookup(evidence, [], null),
    records: {
      lastAccessReviewSignOffAt: null,
      lastAlertReviewAt: null,
      openCriticalOrHighAlertsPastSla: [],
      acknowledgedEndpointKeys: new Set(),
      attestations: [],
    },
  });
}
