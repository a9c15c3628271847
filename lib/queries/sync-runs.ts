import "server-only";
import { type Actor, withCustomerScope } from "../authz/policy";
import { db } from "../db/client";
import { getCustomer } from "./customers";

export interface SyncStepView {
  collector: string;
  region: string;
  status: string;
  itemCount: number;
  durationMs: number | null;
  error: {
    service: string | null;
    operation: string | null;
    region: string | null;
    code: string | null;
    message: string | null;
  } | null;
}

export interface AccountSyncView {
  awsAccountId: string;
  alias: string;
  accountNumber: string;
  run: {
    id: string;
    status: string;
    trigger: string;
    queuedAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    durationMs: number | null;
    errorSummary: string | null;
    /**
     * Whether this run's evidence has been judged (issue 12 item 6): "pending" when it was stored but the
     * evaluation never ran (the process died in between; a worker evaluates it when it starts), "failed"
     * when the evaluation failed. Either way the account's results are those of an earlier evaluation.
     * Null while the run has no stored evidence to judge.
     */
    evaluation: "evaluated" | "pending" | "failed" | null;
    steps: SyncStepView[];
  } | null;
}

export interface CustomerSyncStatus {
  customerId: string;
  active: boolean;
  accounts: AccountSyncView[];
}

function evaluationState(run: {
  status: string;
  asOf: Date | null;
  evaluatedAt: Date | null;
  evaluationError: string | null;
}): NonNullable<AccountSyncView["run"]>["evaluation"] {
  if (run.status === "QUEUED" || run.status === "RUNNING" || run.asOf === null) return null;
  if (run.evaluatedAt !== null) return "evaluated";
  return run.evaluationError !== null ? "failed" : "pending";
}

/** The latest run of each of a customer's accounts with its per-collector steps (live progress). */
export async function getCustomerSyncStatus(actor: Actor, customerId: string): Promise<CustomerSyncStatus> {
  const customer = await getCustomer(actor, customerId);
  const accounts = await db().awsAccount.findMany({
    where: withCustomerScope(actor, { customerId: customer.id, archivedAt: null }),
    select: {
      id: true,
      alias: true,
      accountNumber: true,
      syncRuns: {
        orderBy: { queuedAt: "desc" },
        take: 1,
        select: {
          id: true,
          status: true,
          trigger: true,
          queuedAt: true,
          startedAt: true,
          finishedAt: true,
          durationMs: true,
          errorSummary: true,
          asOf: true,
          evaluatedAt: true,
          evaluationError: true,
          steps: {
            orderBy: [{ collector: "asc" }, { region: "asc" }],
            select: {
              collector: true,
              region: true,
              status: true,
              itemCount: true,
              durationMs: true,
              errorService: true,
              errorOperation: true,
              errorRegion: true,
              errorCode: true,
              errorMessage: true,
            },
          },
        },
      },
    },
    orderBy: { alias: "asc" },
  });
  const views: AccountSyncView[] = accounts.map((account) => {
    const run = account.syncRuns[0];
    return {
      awsAccountId: account.id,
      alias: account.alias,
      accountNumber: account.accountNumber,
      run: run
        ? {
            id: run.id,
            status: run.status,
            trigger: run.trigger,
            queuedAt: run.queuedAt.toISOString(),
            startedAt: run.startedAt?.toISOString() ?? null,
            finishedAt: run.finishedAt?.toISOString() ?? null,
            durationMs: run.durationMs,
            errorSummary: run.errorSummary,
            evaluation: evaluationState(run),
            steps: run.steps.map((step) => ({
              collector: step.collector,
              region: step.region,
              status: step.status,
              itemCount: step.itemCount,
              durationMs: step.durationMs,
              error:
                step.status === "FAILED" || step.errorMessage
                  ? {
                      service: step.errorService,
                      operation: step.errorOperation,
                      region: step.errorRegion,
                      code: step.errorCode,
                      message: step.errorMessage,
                    }
                  : null,
            })),
          }
        : null,
    };
  });
  return {
    customerId: customer.id,
    active: views.some((view) => view.run?.status === "QUEUED" || view.run?.status === "RUNNING"),
    accounts: views,
  };
}
