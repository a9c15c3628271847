import { requireActor } from "@/lib/auth/actor";
import { listCustomerOrganizations } from "@/lib/queries/organizations";
import { OrganizationAccountsForm } from "./organization-accounts-form";

/** For a customer whose management (or delegated-administrator) account is connected: its organization's accounts. */
export async function OrganizationSection({ customerId, customerName }: { customerId: string; customerName: string }) {
  const actor = await requireActor();
  const organizations = await listCustomerOrganizations(actor, customerId);
  if (organizations.length === 0) return null;
  return (
    <>
      {organizations.map((organization) => (
        <section
          key={organization.organizationId}
          aria-labelledby={`organization-${organization.organizationId}`}
          className="mt-6 border-t border-slate-100 pt-4"
        >
          <h3 id={`organization-${organization.organizationId}`} className="text-sm font-semibold text-slate-800">
            AWS Organization {organization.organizationId}
          </h3>
          <p className="mt-1 text-xs text-slate-600">
            Read through {organization.reader.alias} ({organization.reader.accountNumber},{" "}
            {organization.reader.isManagementAccount ? "management account" : "delegated administrator"}) at its last
            sync, {organization.collectedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.
          </p>
          <OrganizationAccountsForm
            customerId={customerId}
            customerName={customerName}
            readerAccountId={organization.reader.id}
            organizationId={organization.organizationId}
            members={organization.members}
            suggestedRegions={organization.suggestedRegions}
            enabledRegions={organization.enabledRegions}
          />
        </section>
      ))}
    </>
  );
}
