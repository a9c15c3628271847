import Link from "next/link";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { CustomerScorecard } from "@/lib/queries/scorecard";
import { ControlStatusBadge, SeverityBadge } from "./control-status";

/** Every control of the customer, grouped by SOP area, with a link to its evidence per account. */
export function ControlsByArea({ customerId, areas }: { customerId: string; areas: CustomerScorecard["areas"] }) {
  return (
    <div className="space-y-6">
      {areas.map((area) => {
        const failing = area.controls.filter((control) => control.status === "FAIL").length;
        return (
          <section key={area.key} aria-labelledby={`area-${area.key}`} className="break-inside-avoid">
            <h3 id={`area-${area.key}`} className="mb-2 text-sm font-semibold text-slate-800">
              {area.name}{" "}
              <span className="font-normal text-slate-500">
                · {area.controls.length} controls{failing > 0 ? `, ${failing} failing` : ""}
              </span>
            </h3>
            <Table caption={`${area.name} controls`}>
              <thead>
                <tr>
                  <Th className="w-24">Control</Th>
                  <Th>Title</Th>
                  <Th className="w-24">Severity</Th>
                  <Th className="w-36">Result</Th>
                  <Th>Why</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {area.controls.map((control) => {
                  // The account whose result decides the row; for a suppressed control, the failure set aside.
                  const deciding =
                    control.status === "SUPPRESSED"
                      ? (control.accounts.find((account) => account.status === "FAIL") ?? control.accounts[0])
                      : (control.accounts.find((account) => account.status === control.status && !account.suppressed) ??
                        control.accounts[0]);
                  return (
                    <Tr key={control.id}>
                      <Td className="font-mono text-xs">
                        <Link
                          href={`/customers/${customerId}/controls/${control.id}`}
                          className="font-medium text-brand-700 hover:underline"
                        >
                          {control.id}
                        </Link>
                      </Td>
                      <Td>{control.title}</Td>
                      <Td>
                        <SeverityBadge severity={control.severity} />
                      </Td>
                      <Td>
                        <ControlStatusBadge status={control.status} needsAttestation={control.needsAttestation} />
                      </Td>
                      <Td className="max-w-xl text-xs text-slate-700">
                        {control.accounts.length > 1 && deciding ? (
                          <span className="font-medium">{deciding.accountAlias}: </span>
                        ) : null}
                        {deciding?.reason}
                      </Td>
                    </Tr>
                  );
                })}
              </tbody>
            </Table>
          </section>
        );
      })}
    </div>
  );
}
