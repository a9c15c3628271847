export interface RequestLogEntry {
  sequence: number;
  /** Wall-clock time of the request. */
  time: string;
  /** Simulator clock at the request. */
  simulatorTime: string;
  method: string;
  path: string;
  service: string;
  operation: string;
  region: string;
  accountId?: string;
  accessKeyId?: string;
  status: number;
  errorCode?: string;
  fault?: string;
  /** Latency a fault rule added before answering. */
  latencyMs?: number;
}

const MAX_ENTRIES = 100_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private sequence = 0;

  add(entry: Omit<RequestLogEntry, "sequence">): void {
    this.entries.push({ sequence: ++this.sequence, ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(
    filter: Partial<Pick<RequestLogEntry, "service" | "operation" | "accountId" | "region">> & { since?: number } = {},
  ): RequestLogEntry[] {
    return this.entries.filter(
      (entry) =>
        (filter.since === undefined || entry.sequence > filter.since) &&
        (!filter.service || entry.service === filter.service) &&
        (!filter.operation || entry.operation === filter.operation) &&
        (!filter.accountId || entry.accountId === filter.accountId) &&
        (!filter.region || entry.region === filter.region),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
