import http from "node:http";
import { type CaseContext, type FuzzRequest, generateCases, seededRandom } from "./cases";

// Sends the generated cases with bounded concurrency and time, and reports counts by status, by family
// and by identity, plus every response ≥ 500 with method, path, status and a short body excerpt.

export interface FuzzIdentity {
  label: string;
  /** Cookie header of a signed-in session; empty for the anonymous visitor. */
  cookie: string;
}

export interface FuzzOptions extends CaseContext {
  identities: FuzzIdentity[];
  requests: number;
  seed: number;
  concurrency?: number;
  timeoutMs?: number;
  /** Stops sending new requests after this long (the report says how many were sent). */
  maxSeconds?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface FuzzFailure {
  identity: string;
  family: string;
  method: string;
  path: string;
  status: number | "timeout" | "error";
  excerpt: string;
}

export interface FuzzReport {
  seed: number;
  sent: number;
  planned: number;
  byStatus: Record<string, number>;
  byFamily: Record<string, Record<string, number>>;
  byIdentity: Record<string, number>;
  targetsCovered: number;
  serverErrors: FuzzFailure[];
  transportProblems: FuzzFailure[];
  seconds: number;
}

interface Planned extends FuzzRequest {
  identity: FuzzIdentity;
}

export function planCases(options: FuzzOptions): Planned[] {
  const random = seededRandom(options.seed);
  const perIdentity = Math.ceil(options.requests / options.identities.length);
  const planned: Planned[] = [];
  for (const identity of options.identities) {
    for (const request of generateCases(options, random, perIdentity)) planned.push({ ...request, identity });
  }
  return planned;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const planned = planCases(options);
  const deadline = options.maxSeconds ? started + options.maxSeconds * 1000 : Number.POSITIVE_INFINITY;
  const report: FuzzReport = {
    seed: options.seed,
    sent: 0,
    planned: planned.length,
    byStatus: {},
    byFamily: {},
    byIdentity: {},
    targetsCovered: 0,
    serverErrors: [],
    transportProblems: [],
    seconds: 0,
  };
  const covered = new Set<string>();
  const random = seededRandom(options.seed ^ 0x5bd1e995);
  let next = 0;
  const worker = async () => {
    while (next < planned.length && Date.now() < deadline) {
      const request = planned[next++]!;
      // A distinct documentation-range client address per request, honoured only when the app trusts
      // this machine as a proxy: the fuzzer's failed sign-ins must not throttle the other tests' IP.
      const clientIp = `198.18.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
      const result = await send(options.baseUrl, request, clientIp, options.timeoutMs ?? 30_000);
      report.sent++;
      covered.add(request.target);
      const key = String(result.status);
      report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
      report.byFamily[request.family] ??= {};
      report.byFamily[request.family]![key] = (report.byFamily[request.family]![key] ?? 0) + 1;
      report.byIdentity[request.identity.label] = (report.byIdentity[request.identity.label] ?? 0) + 1;
      const failure: FuzzFailure = {
        identity: request.identity.label,
        family: request.family,
        method: request.method,
        path: request.path.length > 300 ? `${request.path.slice(0, 300)}…` : request.path,
        status: result.status,
        excerpt: result.body.slice(0, 200).replace(/[^\x20-\x7e]/g, "·"),
      };
      if (typeof result.status === "number" && result.status >= 500) report.serverErrors.push(failure);
      else if (typeof result.status !== "number") report.transportProblems.push(failure);
      options.onProgress?.(report.sent, planned.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  report.targetsCovered = covered.size;
  report.seconds = Math.round((Date.now() - started) / 1000);
  return report;
}

function send(
  baseUrl: string,
  request: Planned,
  clientIp: string,
  timeoutMs: number,
): Promise<{ status: number | "timeout" | "error"; body: string }> {
  const base = new URL(baseUrl);
  const headers: Record<string, string | number> = {
    ...request.headers,
    "x-forwarded-for": clientIp,
    "user-agent": "rampart-fuzz",
  };
  if (request.identity.cookie) headers.cookie = request.identity.cookie;
  if (request.body) headers["content-length"] = request.body.length;
  // Node refuses to send spaces and non-ASCII in a request target; escape those, keep malformed escapes.
  const path = request.path.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));
  return new Promise((resolve) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method: request.method, path, headers, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", (error) => resolve({ status: "error", body: error.message }));
      },
    );
    req.on("timeout", () => {
      req.destroy();
      resolve({ status: "timeout", body: `no answer within ${timeoutMs} ms` });
    });
    // The server may answer (413, 400) and close before reading an oversize body: that is its answer.
    req.on("error", (error) => resolve({ status: "error", body: error.message }));
    req.end(request.body);
  });
}

export function formatReport(report: FuzzReport): string {
  const lines = [
    `Fuzz (seed ${report.seed}): ${report.sent} of ${report.planned} requests in ${report.seconds} s, ${report.targetsCovered} targets`,
    `By status: ${Object.entries(report.byStatus)
      .sort()
      .map(([status, count]) => `${status}=${count}`)
      .join("  ")}`,
    `By identity: ${Object.entries(report.byIdentity)
      .map(([label, count]) => `${label}=${count}`)
      .join("  ")}`,
    "By family:",
    ...Object.entries(report.byFamily)
      .sort()
      .map(
        ([family, statuses]) =>
          `  ${family.padEnd(22)} ${Object.entries(statuses)
            .sort()
            .map(([status, count]) => `${status}=${count}`)
            .join("  ")}`,
      ),
  ];
  if (report.transportProblems.length) {
    lines.push(`Transport problems (${report.transportProblems.length}, not counted as 5xx):`);
    for (const failure of report.transportProblems.slice(0, 10)) lines.push(`  ${describeFailure(failure)}`);
  }
  if (report.serverErrors.length) {
    lines.push(`Responses ≥ 500 (${report.serverErrors.length}):`);
    for (const failure of report.serverErrors.slice(0, 50)) lines.push(`  ${describeFailure(failure)}`);
  } else {
    lines.push("No response ≥ 500.");
  }
  return lines.join("\n");
}

function describeFailure(failure: FuzzFailure): string {
  return `${failure.status} ${failure.method} ${failure.path} [${failure.identity}, ${failure.family}] ${failure.excerpt}`;
}
