"use client";

import { useAction } from "next-safe-action/hooks";
import { FormMessage } from "@/components/forms/action-feedback";
import { ConnectionChecklist } from "@/components/onboarding/connection-checklist";
import { Button } from "@/components/ui/button";
import { testAccountConnectionAction } from "@/lib/actions/connection-tests";
import type { LastConnectionTest } from "@/lib/queries/settings";

/** "2026-12-06 04:59 UTC": the same text on the server and in the browser (no hydration drift). */
export function formatTestedAt(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One account's connection: the last test's checklist with its time, and "Test connection" on demand. */
export function AccountConnectionTest({
  account,
  canTest,
}: {
  account: { id: string; alias: string; accountNumber: string; lastConnectionTest: LastConnectionTest | null };
  canTest: boolean;
}) {
  const { execute, result, isPending } = useAction(testAccountConnectionAction);
  const latest = result.data ?? account.lastConnectionTest;
  const headingId = `connection-${account.id}`;
  return (
    <section className="py-3" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={headingId} className="text-sm font-medium text-slate-800">
          {account.alias} <span className="font-mono text-xs text-slate-500">{account.accountNumber}</span>
        </h4>
        {canTest ? (
          <Button
            variant="secondary"
            disabled={isPending}
            aria-label={`Test connection of ${account.alias}`}
            onClick={() => execute({ awsAccountId: account.id })}
          >
            {isPending ? "Testing… (up to 30 s)" : "Test connection"}
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">
        {result.serverError ? <FormMessage error={result.serverError} /> : null}
        {result.data?.promoted ? (
          <FormMessage success="Every account accepts the new ExternalId: it is now the customer's ExternalId." />
        ) : null}
        {latest ? (
          <>
            <p className="mt-1 text-xs text-slate-600">
              Last tested <time dateTime={latest.testedAt}>{formatTestedAt(latest.testedAt)}</time>
            </p>
            <ConnectionChecklist
              checks={latest.checks}
              outcome={latest.outcome}
              title={`Connection checklist of ${account.alias}`}
            />
          </>
        ) : (
          <p className="mt-1 text-xs text-slate-600">Never tested.</p>
        )}
      </div>
    </section>
  );
}
