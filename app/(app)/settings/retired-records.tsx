import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/authz/policy";
import { isoDay } from "@/lib/dates";
import { listRetiredRecords } from "@/lib/queries/retired";

/** Retired customers and accounts, with links to their read-only history. Nothing when there are none. */
export async function RetiredRecords({ actor }: { actor: Actor }) {
  const { customers, accounts } = await listRetiredRecords(actor);
  if (customers.length === 0 && accounts.length === 0) return null;
  return (
    <Card className="mt-6" aria-labelledby="retired-records">
      <h2 id="retired-records" className="text-base font-semibold text-slate-900">
        Retired
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        No longer synced and out of the portfolio; their history is kept and can be read here.
      </p>
      <ul className="divide-y divide-slate-100 text-sm">
        {customers.map((customer) => (
          <li key={customer.id} className="flex flex-wrap justify-between gap-2 py-2">
            <Link href={`/customers/${customer.id}`} className="font-medium text-brand-700 hover:underline">
              {customer.name}
            </Link>
            <span className="text-slate-600">customer retired {isoDay(customer.archivedAt)}</span>
          </li>
        ))}
        {accounts.map((account) => (
          <li key={account.id} className="flex flex-wrap justify-between gap-2 py-2">
            <Link
              href={`/customers/${account.customer.id}/accounts/${account.id}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {account.customer.name} · {account.alias} ({account.accountNumber})
            </Link>
            <span className="text-slate-600">account retired {isoDay(account.archivedAt)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
