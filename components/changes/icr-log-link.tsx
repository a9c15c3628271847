import Link from "next/link";

/** CHG-1 is attested "with a link to the ICR log": the log lives in Rampart, so the form points to it. */
export function IcrLogLink({ customerId }: { customerId: string }) {
  return (
    <p className="mb-4 text-sm text-slate-700">
      The ICR log of this customer is kept in Rampart:{" "}
      <Link href={`/customers/${customerId}/changes`} className="font-medium text-brand-700 hover:underline">
        open the ICR log
      </Link>{" "}
      (change requests with their approvals, rollback plans and validations). Give its address as the attestation's
      link.
    </p>
  );
}
