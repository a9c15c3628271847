import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { environmentLabel } from "@/lib/customers/environments";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listCustomerSettings } from "@/lib/queries/settings";
import { AccountConnections } from "./account-connections";
import { AddAccountForm } from "./add-account-form";
import { AddCustomerForm } from "./add-customer-form";
import { AuditRoleSetup } from "./audit-role-setup";
import { ControlParameters } from "./control-parameters";
import { CustomerPracticeSummary } from "./customer-practice-fields";
import { EvidencePackSigningKey } from "./evidence-pack-signing-key";
import { ExternalIdPanel } from "./external-id-panel";
import { ManageAccount } from "./manage-account";
import { ManageCustomer } from "./manage-customer";
import { OrganizationSection } from "./organization-section";
import { RetiredRecords } from "./retired-records";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const customers = await pageNotFoundOn(listCustomerSettings(actor));
  const canManageCustomers = can(actor, "customer:manage");
  const canManageAccounts = can(actor, "account:manage");
  return (
    <>
      <PageHeader
        title="Settings"
        description="Customers, their AWS accounts and the read-only audit role Rampart assumes in each."
      />
      {canManageCustomers ? (
        <Card className="mb-6">
          <CardHeader
            title="Add a customer"
            description="Rampart generates the customer's ExternalId for its audit-role trust policy."
          />
          <AddCustomerForm />
        </Card>
      ) : null}
      {customers.length === 0 ? (
        <EmptyState title="No customers yet">
          {canManageCustomers ? "Add your first customer above." : "No customer is assigned to you yet."}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {customers.map((customer) => (
            <Card key={customer.id} aria-labelledby={`customer-${customer.id}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <h2 id={`customer-${customer.id}`} className="text-lg font-semibold text-slate-900">
                  {customer.name}
                </h2>
                {canManageCustomers ? (
                  <ManageCustomer
                    customer={{
                      id: customer.id,
                      name: customer.name,
                      emailDomains: customer.emailDomains,
                      accountCount: customer.accounts.length,
                      practice: customer,
                    }}
                  />
                ) : null}
              </div>
              {customer.emailDomains.length > 0 ? (
                <p className="mt-1 text-sm text-slate-600">
                  Corporate e-mail domains: {customer.emailDomains.join(", ")}
                </p>
              ) : null}
              <CustomerPracticeSummary settings={customer} />
              <div className="mt-4">
                {customer.accounts.length === 0 ? (
                  <p className="text-sm text-slate-600">No AWS account connected yet.</p>
                ) : (
                  <Table caption={`AWS accounts of ${customer.name}`}>
                    <thead>
                      <tr>
                        <Th>Name</Th>
                        <Th>Account ID</Th>
                        <Th>Audit role</Th>
                        <Th>Regions</Th>
                        <Th>Environment</Th>
                        {canManageAccounts ? (
                          <Th>
                            <span className="sr-only">Actions</span>
                          </Th>
                        ) : null}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {customer.accounts.map((account) => (
                        <Tr key={account.id}>
                          <Td className="font-medium">{account.alias}</Td>
                          <Td className="font-mono text-xs">{account.accountNumber}</Td>
                          <Td className="font-mono text-xs">{account.roleArn}</Td>
                          <Td className="text-xs">{account.regions.join(", ")}</Td>
                          <Td>{environmentLabel(account.environment)}</Td>
                          {canManageAccounts ? (
                            <Td>
                              <ManageAccount account={account} customerName={customer.name} />
                            </Td>
                          ) : null}
                        </Tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </div>
              <AccountConnections customer={customer} canTest={can(actor, "account:test")} />
              {customer.externalId ? <AuditRoleSetup actor={actor} customerId={customer.id} /> : null}
              {canManageCustomers ? (
                <ExternalIdPanel
                  customerId={customer.id}
                  customerName={customer.name}
                  pendingSince={customer.pendingExternalIdSetAt}
                />
              ) : null}
              {canManageAccounts ? (
                <div className="mt-6 border-t border-slate-100 pt-4">
                  <h3 className="mb-3 text-sm font-semibold text-slate-800">Connect an AWS account</h3>
                  <AddAccountForm customerId={customer.id} customerName={customer.name} />
                </div>
              ) : null}
              {canManageAccounts ? <OrganizationSection customerId={customer.id} customerName={customer.name} /> : null}
              <ControlParameters customerId={customer.id} />
            </Card>
          ))}
        </div>
      )}
      <RetiredRecords actor={actor} />
      <EvidencePackSigningKey actor={actor} />
    </>
  );
}
