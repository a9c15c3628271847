"use client";

import { useParams, useRouter } from "next/navigation";
import type { CustomerChoice } from "@/lib/queries/customers";

/** Jumps to a customer's page; the list is already filtered to the actor's scope on the server. */
export function CustomerSwitcher({ customers }: { customers: CustomerChoice[] }) {
  const router = useRouter();
  const params = useParams<{ customerId?: string }>();
  if (customers.length === 0) return null;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="customer-switcher" className="text-xs font-medium text-slate-300">
        Customer
      </label>
      <select
        id="customer-switcher"
        className="rounded-md border-0 bg-brand-900/40 py-1.5 pl-2 pr-8 text-sm text-white ring-1 ring-inset ring-white/20 focus:ring-2 focus:ring-white"
        value={params.customerId ?? ""}
        onChange={(event) => {
          if (event.target.value) router.push(`/customers/${event.target.value}`);
        }}
      >
        <option value="" disabled>
          Choose a customer…
        </option>
        {customers.map((customer) => (
          <option key={customer.id} value={customer.id}>
            {customer.name}
          </option>
        ))}
      </select>
    </div>
  );
}
