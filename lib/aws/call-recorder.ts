import { compareFailedCalls, type FailedCall, normalizeFailedCalls } from "../controls/failed-calls";
import { AwsCallError } from "./errors";

export { type FailedCall, normalizeFailedCalls };

// Per-call evidence (issue 12): a service's read operations succeed or fail independently. A collector
// runs each call through a CallRecorder, which turns a failed call into a recorded FailedCall and a
// placeholder, so the calls that answered are still stored. The placeholder is never evidence: the
// stored row lists the failed calls, and a rule that needs one of them reads UNKNOWN (see
// lib/controls/evidence-needs.ts). When no call answered at all, the collector fails as a whole and the
// previous evidence is kept.

export function failedCallOf(error: AwsCallError): FailedCall {
  return {
    service: error.service,
    operation: error.operation,
    region: error.region,
    code: error.awsErrorCode,
    httpStatus: error.httpStatusCode ?? null,
    message: error.message,
  };
}

export class CallRecorder {
  private readonly failures: FailedCall[] = [];
  private firstError: AwsCallError | null = null;
  private answered = 0;

  /**
   * The call's result, or `placeholder` when it failed with an attributed AWS error (recorded). Anything
   * else (a Rampart bug) is rethrown: it must fail the collector, never become a value.
   */
  async attempt<T>(call: Promise<T>, placeholder: T): Promise<T> {
    try {
      const result = await call;
      this.answered++;
      return result;
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      this.failures.push(failedCallOf(error));
      if (!this.firstError || compareFailedCalls(failedCallOf(error), failedCallOf(this.firstError)) < 0)
        this.firstError = error;
      return placeholder;
    }
  }

  get failedCalls(): FailedCall[] {
    return normalizeFailedCalls(this.failures);
  }

  /** When every call failed there is nothing to store: fail the collector with the first failure in stable order. */
  throwIfNothingAnswered(): void {
    if (this.answered === 0 && this.firstError) throw this.firstError;
  }
}
