import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { EndpointInventoryView } from "@/lib/queries/control-records";
import { AcknowledgeEndpointForm } from "./acknowledge-endpoint-form";
import { Day } from "./day";

/** NET-7: one table per account of its current public endpoints; an unacknowledged one fails the control. */
export function EndpointInventory({
  inventory,
  canAcknowledge,
}: {
  inventory: EndpointInventoryView[];
  canAcknowledge: boolean;
}) {
  return (
    <div className="space-y-6">
      {inventory.map((account) => (
        <section key={account.awsAccountId} aria-labelledby={`endpoints-${account.awsAccountId}`}>
          <h3 id={`endpoints-${account.awsAccountId}`} className="mb-2 text-sm font-semibold text-slate-900">
            {account.alias}{" "}
            <span className="font-mono text-xs font-normal text-slate-500">{account.accountNumber}</span>
          </h3>
          {account.endpoints.length === 0 ? (
            <p className="text-sm text-slate-600">
              No public endpoint in the latest evidence of this account. New ones appear here after a sync.
            </p>
          ) : (
            <Table caption={`Public endpoints of ${account.alias}`}>
              <thead>
                <tr>
                  <Th>Endpoint</Th>
                  <Th>Region</Th>
                  <Th>Address</Th>
                  <Th>Acknowledged</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {account.endpoints.map((endpoint) => (
                  <Tr key={endpoint.key}>
                    <Td className="max-w-md">
                      {endpoint.label}
                      <span className="block break-all font-mono text-xs text-slate-500">{endpoint.key}</span>
                    </Td>
                    <Td className="whitespace-nowrap">{endpoint.region}</Td>
                    <Td className="break-all font-mono text-xs">{endpoint.address ?? "—"}</Td>
                    <Td className="text-right">
                      {endpoint.acknowledgement ? (
                        <div className="text-left">
                          <Badge tone="good">Acknowledged</Badge>
                          <span className="mt-1 block text-xs text-slate-600">
                            by {endpoint.acknowledgement.by} on <Day date={endpoint.acknowledgement.at} />
                          </span>
                          {endpoint.acknowledgement.note ? (
                            <span className="block text-xs text-slate-600">{endpoint.acknowledgement.note}</span>
                          ) : null}
                        </div>
                      ) : canAcknowledge ? (
                        <AcknowledgeEndpointForm
                          awsAccountId={account.awsAccountId}
                          endpointKey={endpoint.key}
                          label={endpoint.label}
                        />
                      ) : (
                        <div className="text-left">
                          <Badge tone="critical">Not acknowledged</Badge>
                        </div>
                      )}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      ))}
    </div>
  );
}
