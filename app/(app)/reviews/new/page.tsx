import Link from "next/link";
import { z } from "zod";
import { StartReviewForm } from "@/components/access-reviews/start-review-form";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { getStartReviewForm } from "@/lib/queries/access-reviews";

export const metadata = { title: "Start an access review" };

const searchSchema = z.object({ customerId: z.string().trim().min(1).max(64).optional().catch(undefined) });

export default async function NewReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = await searchParams;
  const { customerId } = searchSchema.parse({
    customerId: Array.isArray(raw.customerId) ? raw.customerId[0] : raw.customerId,
  });
  const form = await pageNotFoundOn(getStartReviewForm(actor, customerId ?? null));
  const selected = form.selected;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/reviews" className="text-brand-700 hover:underline">
          Access reviews
        </Link>{" "}
        / Start a review
      </nav>
      <PageHeader
        title="Start an access review"
        description={`Freezes every IAM user and the root user of the chosen accounts from their latest IAM evidence (at most ${form.maxSnapshotAgeHours} h old), then reviewers decide who keeps access.`}
      />
      <Card className="mb-6">
        <CardHeader title="1. Customer" />
        {form.customers.length === 0 ? (
          <EmptyState title="No customer to review">Ask an administrator to assign you a customer.</EmptyState>
        ) : (
          <form
            method="get"
            action="/reviews/new"
            aria-label="Choose the customer"
            className="flex flex-wrap items-end gap-3"
          >
            <div className="min-w-64">
              <Field id="review-customer" label="Customer">
                <Select id="review-customer" name="customerId" defaultValue={selected?.customer.id ?? ""} required>
                  <option value="" disabled>
                    Choose a customer…
                  </option>
                  {form.customers.map((customer) => (
                    <option key={customer.id} value={customer.id}>
                      {customer.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="submit" variant="secondary">
              Choose customer
            </Button>
          </form>
        )}
      </Card>
      {selected ? (
        <Card>
          <CardHeader title={`2. Review of ${selected.customer.name}`} />
          {selected.accounts.length === 0 ? (
            <EmptyState title="This customer has no AWS account">
              Connect an account in Settings and sync it; then start the review.
            </EmptyState>
          ) : (
            <StartReviewForm
              customerId={selected.customer.id}
              accounts={selected.accounts}
              reviewers={selected.reviewers}
              currentUserId={actor.userId}
              existingPeriods={selected.existingPeriods}
              defaultPeriod={form.defaultPeriod}
              dueDate={form.dueDate}
              maxSnapshotAgeHours={form.maxSnapshotAgeHours}
            />
          )}
        </Card>
      ) : null}
    </>
  );
}
