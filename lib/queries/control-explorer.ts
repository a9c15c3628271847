import "server-only";
import { type Actor, withCustomerScope } from "../authz/policy";
import type { ControlSeverity, ResultStatus } from "../controls/types";
import { db } from "../db/client";
import { type CustomerScorecard, getCustomerScorecard } from "./scorecard";

// The scorecard's control explorer (filters, SOP areas, every result per account), loaded by the page
// after its first paint through GET /api/customers/[customerId]/controls (issue 13): below the fold, and
// the largest part of the scorecard. The same read model as the scorecard (its per-customer cache included).

/**
 * One account's result of one control, as the control explorer needs it: indexes into the explorer's
 * accounts and strings instead of the alias, reason and offenders repeated on every row (issue 13).
 */
export type ExplorerResult = readonly [
  account: number,
  status: ResultStatus,
  suppressed: boolean,
  needsAttestation: boolean,
  reason: number,
  offenders: number,
  /** The offenders' kinds, ids, regions and details, for the search box. */
  search: number,
];

export interface ExplorerControl {
  id: string;
  title: string;
  severity: ControlSeverity;
  status: ResultStatus | "SUPPRESSED";
  needsAttestation: boolean;
  results: ExplorerResult[];
}

export interface ExplorerData {
  accounts: { id: string; alias: string }[];
  /** Every reason and search text once; results point into it. */
  strings: string[];
  areas: { key: string; name: string; controls: ExplorerControl[] }[];
}

/** A customer's control explorer: its scorecard's areas and its active accounts, for an actor in scope. */
export async function getControlExplorer(actor: Actor, customerId: string): Promise<ExplorerData> {
  const scorecard = await getCustomerScorecard(actor, customerId);
  const accounts = await db().awsAccount.findMany({
    where: withCustomerScope(actor, { customerId: scorecard.customer.id, archivedAt: null }),
    select: { id: true, alias: true },
    orderBy: [{ environment: "asc" }, { alias: "asc" }],
  });
  return toExplorerData(scorecard.areas, accounts);
}

/** The scorecard's areas as the compact data the client-side explorer filters and pages. */
function toExplorerData(
  areas: CustomerScorecard["areas"],
  accounts: readonly { id: string; alias: string }[],
): ExplorerData {
  const explorerAccounts = accounts.map((account) => ({ id: account.id, alias: account.alias }));
  const accountIndex = new Map(explorerAccounts.map((account, index) => [account.id, index]));
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (value: string) => {
    let index = stringIndex.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      stringIndex.set(value, index);
    }
    return index;
  };
  const accountOf = (id: string, alias: string) => {
    let index = accountIndex.get(id);
    if (index === undefined) {
      index = explorerAccounts.push({ id, alias }) - 1;
      accountIndex.set(id, index);
    }
    return index;
  };
  return {
    accounts: explorerAccounts,
    strings,
    areas: areas.map((area) => ({
      key: area.key,
      name: area.name,
      controls: area.controls.map((control) => ({
        id: control.id,
        title: control.title,
        severity: control.severity,
        status: control.status,
        needsAttestation: control.needsAttestation,
        results: control.accounts.map(
          (result): ExplorerResult => [
            accountOf(result.awsAccountId, result.accountAlias),
            result.status,
            result.suppressed,
            result.needsAttestation,
            intern(result.reason),
            result.offenders.length,
            intern(
              result.offenders
                .map((offender) =>
                  [offender.kind, offender.id, offender.region, offender.detail].filter(Boolean).join(" "),
                )
                .join(" "),
            ),
          ],
        ),
      })),
    })),
  };
}
