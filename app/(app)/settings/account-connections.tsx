import type { SettingsCustomer } from "@/lib/queries/settings";
import { AccountConnectionTest } from "./account-connection-test";

/** Per account of a customer: the last connection test and "Test connection" (account:test). */
export function AccountConnections({ customer, canTest }: { customer: SettingsCustomer; canTest: boolean }) {
  if (customer.accounts.length === 0) return null;
  return (
    <details className="mt-4 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200" open>
      <summary className="cursor-pointer font-medium text-slate-800">Connection tests</summary>
      <div className="divide-y divide-slate-200">
        {customer.accounts.map((account) => (
          <AccountConnectionTest key={account.id} account={account} canTest={canTest} />
        ))}
      </div>
    </details>
  );
}
