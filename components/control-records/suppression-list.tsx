import Link from "next/link";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { SuppressionView } from "@/lib/queries/control-records";
import { Day } from "./day";
import { RevokeSuppressionButton } from "./revoke-suppression-button";

/** Suppressions valid now; `canRevoke` only for actors holding suppression:approve. */
export function SuppressionList({
  customerId,
  suppressions,
  showControl,
  canRevoke,
  caption,
}: {
  customerId: string;
  suppressions: SuppressionView[];
  showControl: boolean;
  canRevoke: boolean;
  caption: string;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {showControl ? <Th>Control</Th> : null}
          <Th>Applies to</Th>
          <Th>Reason</Th>
          <Th>Approved by</Th>
          <Th>Expires</Th>
          {canRevoke ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {suppressions.map((suppression) => {
          const scope = suppression.account ? suppression.account.alias : "every account";
          return (
            <Tr key={suppression.id}>
              {showControl ? (
                <Td>
                  <Link
                    href={`/customers/${customerId}/controls/${suppression.controlId}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {suppression.controlId}
                  </Link>
                  <span className="block text-xs text-slate-600">{suppression.controlTitle}</span>
                </Td>
              ) : null}
              <Td>
                {suppression.account ? (
                  <>
                    {suppression.account.alias}{" "}
                    <span className="font-mono text-xs text-slate-500">{suppression.account.accountNumber}</span>
                  </>
                ) : (
                  "Every account"
                )}
              </Td>
              <Td className="max-w-md whitespace-pre-line">{suppression.reason}</Td>
              <Td className="whitespace-nowrap">
                {suppression.approvedBy}
                <span className="block text-xs text-slate-500">
                  <Day date={suppression.createdAt} />
                </span>
              </Td>
              <Td className="whitespace-nowrap">
                <Day date={suppression.expiresAt} />
              </Td>
              {canRevoke ? (
                <Td className="text-right">
                  <RevokeSuppressionButton
                    suppressionId={suppression.id}
                    label={`${suppression.controlId} (${scope})`}
                  />
                </Td>
              ) : null}
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
