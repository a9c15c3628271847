// A failed AWS call as evidence records it (issue 12 items 1, 2): pure data and one stable order, shared
// by the collectors that record failures (lib/aws/call-recorder.ts) and the rules that read them.

/** One AWS call that failed, as stored on the Evidence row, the SyncStep and the run. */
export interface FailedCall {
  service: string;
  operation: string;
  region: string;
  /** The AWS error code ("AccessDenied", "ThrottlingException", "DeserializationError"…). */
  code: string;
  httpStatus: number | null;
  message: string;
}

/** Service, region, operation, code: one stable order for runs, steps and reasons. */
export function compareFailedCalls(left: FailedCall, right: FailedCall): number {
  return (
    left.service.localeCompare(right.service) ||
    left.region.localeCompare(right.region) ||
    left.operation.localeCompare(right.operation) ||
    left.code.localeCompare(right.code) ||
    (left.httpStatus ?? 0) - (right.httpStatus ?? 0)
  );
}

/** Sorted, one entry per (service, region, operation, code, status): a call failing for ten plans is one gap. */
export function normalizeFailedCalls(calls: readonly FailedCall[]): FailedCall[] {
  const unique = new Map<string, FailedCall>();
  for (const call of [...calls].sort(compareFailedCalls)) {
    const key = [call.service, call.region, call.operation, call.code, call.httpStatus ?? ""].join("|");
    if (!unique.has(key)) unique.set(key, call);
  }
  return [...unique.values()];
}
