"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { FormMessage } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { formatAge } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useNow } from "@/components/ui/use-now";
import { requestSyncAction } from "@/lib/actions/sync";
import { customerSyncStatusQuery, syncKeys } from "@/lib/api-client/sync";
import type { CustomerSyncStatus, SyncStepView } from "@/lib/queries/sync-runs";
import { staleResultsText } from "./stale-results";
import { SyncStatusBadge } from "./sync-status-badge";

const STEP_TONE: Record<string, string> = {
  PENDING: "text-slate-500",
  RUNNING: "text-brand-700",
  SUCCEEDED: "text-emerald-700",
  PARTIAL: "text-amber-700",
  FAILED: "text-red-700",
  SKIPPED: "text-slate-500",
};

/** Sync now + live per-collector progress for every account of a customer. */
export function SyncPanel({
  initial,
  canSync,
  renderedAt,
}: {
  initial: CustomerSyncStatus;
  canSync: boolean;
  /** The server's render time (ISO): the first client render must print the same ages. */
  renderedAt: string;
}) {
  const now = useNow(renderedAt);
  const queryClient = useQueryClient();
  const { data } = useQuery(customerSyncStatusQuery(initial.customerId, initial));
  const status = data ?? initial;
  const { execute, result, isPending } = useAction(requestSyncAction, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKeys.customer(initial.customerId) }),
  });
  return (
    <div className="space-y-4">
      {canSync ? (
        <div className="flex items-center gap-3">
          <Button onClick={() => execute({ customerId: initial.customerId })} disabled={isPending || status.active}>
            {status.active ? "Sync in progress…" : isPending ? "Queuing…" : "Sync now"}
          </Button>
          <span className="text-sm text-slate-600" aria-live="polite">
            {status.active ? "Collecting evidence; this page updates as each collector finishes." : null}
          </span>
        </div>
      ) : null}
      <FormMessage error={result.serverError} />
      {status.accounts.map((account) => (
        <details
          key={account.awsAccountId}
          className="rounded-md ring-1 ring-slate-200"
          open={account.run?.status === "RUNNING"}
        >
          <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-3 py-2 text-sm">
            <span className="font-medium">{account.alias}</span>
            <span className="font-mono text-xs text-slate-500">{account.accountNumber}</span>
            <SyncStatusBadge status={account.run?.status} />
            {account.run ? <StepSummary steps={account.run.steps} /> : null}
            {account.run?.finishedAt ? (
              <span className="text-xs text-slate-500">
                finished {formatAge(now - new Date(account.run.finishedAt).getTime())}
                {account.run.durationMs !== null ? ` in ${(account.run.durationMs / 1000).toFixed(1)} s` : ""}
              </span>
            ) : null}
          </summary>
          {account.run?.errorSummary ? (
            <p className="px-3 pb-2 text-sm text-amber-800">{account.run.errorSummary}</p>
          ) : null}
          {account.run?.finishedAt && (account.run.evaluation === "pending" || account.run.evaluation === "failed") ? (
            <p className="px-3 pb-2 text-sm text-amber-800">
              {staleResultsText(account.run.evaluation, formatAge(now - new Date(account.run.finishedAt).getTime()))}
            </p>
          ) : null}
          {account.run && account.run.steps.length > 0 ? (
            <Table caption={`Collection steps for ${account.alias}`} className="m-3">
              <thead>
                <tr>
                  <Th>Collector</Th>
                  <Th>Region</Th>
                  <Th>Status</Th>
                  <Th>Items</Th>
                  <Th>What failed</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {account.run.steps.map((step) => (
                  <Tr key={`${step.collector}@${step.region}`}>
                    <Td>{step.collector}</Td>
                    <Td className="text-xs">{step.region}</Td>
                    <Td className={STEP_TONE[step.status]}>{step.status.toLowerCase()}</Td>
                    <Td>{step.status === "SUCCEEDED" || step.status === "PARTIAL" ? step.itemCount : "—"}</Td>
                    <Td className="max-w-md text-xs text-red-800">{step.error ? stepErrorText(step.error) : null}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </details>
      ))}
    </div>
  );
}

function StepSummary({ steps }: { steps: SyncStepView[] }) {
  const done = steps.filter((step) => step.status === "SUCCEEDED" || step.status === "PARTIAL").length;
  const failed = steps.filter((step) => step.status === "FAILED").length;
  return (
    <span className="text-xs text-slate-600">
      {done}/{steps.length} collectors done{failed ? `, ${failed} failed` : ""}
    </span>
  );
}

/** "iam GetAccountSummary us-east-1: AccessDenied — …", or just the message for a step that did not run. */
function stepErrorText(error: NonNullable<SyncStepView["error"]>): string {
  const where = [error.service, error.operation, error.region].filter(Boolean).join(" ");
  const what = [error.code, error.message].filter(Boolean).join(" — ");
  return where ? `${where}: ${what}` : what;
}
