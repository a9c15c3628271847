import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { LogoMark } from "@/components/brand/logo-mark";
import { CustomerSwitcher } from "@/components/shell/customer-switcher";
import { type NavItem, TopNav } from "@/components/shell/top-nav";
import { requireActor } from "@/lib/auth/actor";
import { navigationFor } from "@/lib/authz/navigation";
import { isCustomerUser } from "@/lib/authz/policy";
import { hasCustomerChoices } from "@/lib/queries/customers";

// The signed-in shell. It resolves the actor once; every page below re-reads it (cached per request)
// and passes it to lib/queries, which enforce scope where data is read.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  // The switcher searches on the server as the user types: the shell carries no customer list.
  const showSwitcher = !isCustomerUser(actor) && (await hasCustomerChoices(actor));
  const items: NavItem[] = navigationFor(actor);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="no-print bg-brand-700 text-white shadow">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            <LogoMark inverted />
            Rampart
          </Link>
          <TopNav items={items} />
          <div className="ml-auto flex min-w-0 max-w-full flex-wrap items-center justify-end gap-x-4 gap-y-2">
            {showSwitcher ? <CustomerSwitcher /> : null}
            <UserMenu name={actor.name} email={actor.email} role={actor.role} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
