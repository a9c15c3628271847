import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// Shown inside the shell when a page calls notFound(): an unknown id, or one outside the user's scope
// (the two look the same on purpose: ADR 003).
export default function AppNotFound() {
  return (
    <EmptyState title="Not found" action={<ButtonLink href="/">Go to your dashboard</ButtonLink>}>
      This customer, account or record does not exist, or it is not one you have access to. Pick a customer from the
      menu above, or go back to your dashboard.
    </EmptyState>
  );
}
