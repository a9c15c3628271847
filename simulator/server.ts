import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { applyClockChange, clockState, handleAdminRequest, setRuntimeFaults } from "./admin";
import { type BaseIdentity, DEFAULT_BASE_IDENTITY, SessionStore } from "./auth/identities";
import { AwsPacing, type PacingOptions } from "./core/aws-pacing";
import { SimulatorClock } from "./core/clock";
import { FaultInjector, type RuntimeFaultRule } from "./core/faults";
import { handleAwsRequest } from "./core/handle-request";
import { RequestLog, type RequestLogEntry } from "./core/request-log";
import type { SimulatorRuntime } from "./core/service";
import { type DeployTemplateOptions, deployTemplate } from "./estate/deploy-template";
import type { EstateRecord } from "./estate/store";
import { EstateStore } from "./estate/store";
import type { HttpRequestData, HttpResponseData } from "./protocols/types";

// The AWS simulator: one HTTP server on 127.0.0.1 that speaks the wire protocols of every
// operation in lib/aws/read-only-operations.ts, for the SDK v3 collectors and the AWS CLI pointed at
// it with AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>.

export interface SimulatorOptions {
  /** Estate files or directories (.yaml, .yml, .json), loaded at start. */
  estates?: string | string[];
  /** Estate documents given directly (already parsed YAML/JSON), e.g. from the generator. */
  estateDocuments?: unknown[];
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed for fault decisions. */
  seed?: number;
  /** The collector's long-term identity; defaults to DEFAULT_BASE_IDENTITY. */
  baseIdentity?: Partial<BaseIdentity>;
  /** Initial simulator clock: ISO date or relative ("-90d"). */
  clock?: string;
  /** Print one line per request to stderr. */
  verbose?: boolean;
  /** AWS-like latency and documented request rates, for load benchmarks (see core/aws-pacing.ts). */
  pacing?: PacingOptions;
}

/** A fault rule as given to setFaults: only `kind` is required (see the estate schema's `faults:`). */
export type FaultRuleInput = Partial<RuntimeFaultRule> & Pick<RuntimeFaultRule, "kind">;

export interface SimulatorHandle {
  url: string;
  port: number;
  baseIdentity: BaseIdentity;
  close(): Promise<void>;
  /** Replace (or add) an estate; throws EstateValidationError naming the bad field. */
  putEstate(document: unknown): EstateRecord;
  /** JSON Merge Patch an estate's document (null deletes a field). */
  patchEstate(accountId: string, patch: unknown): EstateRecord;
  removeEstate(accountId: string): boolean;
  estate(accountId: string): EstateRecord | undefined;
  /** Deploy a generated audit-role CloudFormation or StackSet template into an account (estate/deploy-template.ts). */
  deployTemplate(template: string, options: DeployTemplateOptions): EstateRecord;
  /** Set the clock to an ISO date or relative time ("-90d"), optionally frozen. */
  setClock(when: string | Date, options?: { frozen?: boolean }): void;
  advanceClock(duration: string): void;
  now(): Date;
  /** Replace the runtime fault rules (estate `faults:` stay in force). */
  setFaults(rules: FaultRuleInput[], seed?: number): void;
  clearFaults(): void;
  requests(
    filter?: Partial<Pick<RequestLogEntry, "service" | "operation" | "accountId" | "region">> & { since?: number },
  ): RequestLogEntry[];
  clearRequests(): void;
  /** Expire every STS session now. */
  expireSessions(): void;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error("request body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function decodeQuery(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const separator = pair.indexOf("=");
      const decode = (text: string) => {
        try {
          return decodeURIComponent(text.replace(/\+/g, "%20"));
        } catch {
          return text;
        }
      };
      return separator === -1
        ? [decode(pair), ""]
        : [decode(pair.slice(0, separator)), decode(pair.slice(separator + 1))];
    });
}

/** Requests may arrive in absolute form when a client uses the simulator as its HTTP proxy (S3 Control host prefixes). */
function toRequestData(request: IncomingMessage, body: Buffer): HttpRequestData {
  let target = request.url ?? "/";
  if (/^https?:\/\//i.test(target)) target = target.replace(/^https?:\/\/[^/]+/i, "") || "/";
  const queryStart = target.indexOf("?");
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? "" : target.slice(queryStart + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return {
    method: request.method ?? "GET",
    rawPath: rawPath || "/",
    rawQuery,
    query: decodeQuery(rawQuery),
    headers,
    body,
  };
}

function send(response: ServerResponse, data: HttpResponseData): void {
  const body = typeof data.body === "string" ? Buffer.from(data.body, "utf8") : data.body;
  response.writeHead(data.status, { ...data.headers, "content-length": String(body.length) });
  response.end(body);
}

/** truncatedPage/cutBody: promise the whole body, send half, then drop the connection. */
function sendCutBody(response: ServerResponse, data: HttpResponseData): void {
  const body = typeof data.body === "string" ? Buffer.from(data.body, "utf8") : data.body;
  response.writeHead(data.status, { ...data.headers, "content-length": String(body.length) });
  response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.destroy());
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const clock = new SimulatorClock();
  if (options.clock) clock.set(options.clock);
  const baseIdentity: BaseIdentity = { ...DEFAULT_BASE_IDENTITY, ...options.baseIdentity };
  if (options.baseIdentity?.accountId && !options.baseIdentity.arn) {
    baseIdentity.arn = `arn:aws:iam::${baseIdentity.accountId}:user/rampart-collector`;
  }
  const estates = new EstateStore();
  const targets =
    options.estates === undefined ? [] : Array.isArray(options.estates) ? options.estates : [options.estates];
  estates.loadPaths(targets);
  for (const [position, document] of (options.estateDocuments ?? []).entries())
    estates.put(document, `document #${position}`);

  const runtime: SimulatorRuntime = {
    estates,
    clock,
    base: baseIdentity,
    sessions: new SessionStore(baseIdentity, clock),
    credentialReports: new Map(),
  };
  const faults = new FaultInjector(options.seed ?? 1);
  const log = new RequestLog();
  const pacing = options.pacing ? new AwsPacing(options.pacing, options.seed ?? 1) : undefined;
  const sockets = new Set<Socket>();

  const server = createServer(async (request, response) => {
    try {
      const data = toRequestData(request, await readRequestBody(request));
      if (data.rawPath.startsWith("/_sim/") || data.rawPath === "/_sim") {
        send(response, await handleAdminRequest(data, { runtime, faults, log }));
        return;
      }
      const outcome = await handleAwsRequest(data, { runtime, faults, log, pacing });
      if (options.verbose) {
        const last = log.list().at(-1);
        console.error(
          `[simulator] ${last?.service}.${last?.operation} ${last?.region} ${last?.accountId ?? "-"} → ${last?.status} ${last?.errorCode ?? ""}`,
        );
      }
      if (outcome.kind === "connectionReset") request.socket.destroy();
      else if (outcome.kind === "cutBody") sendCutBody(response, outcome.response);
      else send(response, outcome.response);
    } catch (error) {
      console.error("[simulator] request failed", error);
      if (!response.headersSent)
        send(response, { status: 500, headers: { "content-type": "text/plain" }, body: String(error) });
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";

  return {
    url: `http://${host}:${port}`,
    port,
    baseIdentity,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    putEstate: (document) => estates.put(document, "admin:putEstate"),
    patchEstate(accountId, patch) {
      const record = estates.patch(accountId, patch);
      if (!record) throw new Error(`No estate for account ${accountId}`);
      return record;
    },
    removeEstate: (accountId) => estates.remove(accountId),
    deployTemplate: (template, deployOptions) => deployTemplate(estates, template, deployOptions),
    estate: (accountId) => estates.get(accountId),
    setClock: (when, clockOptions) =>
      applyClockChange(runtime, {
        now: when instanceof Date ? when.toISOString() : when,
        frozen: clockOptions?.frozen,
      }),
    advanceClock: (duration) => applyClockChange(runtime, { advance: duration }),
    now: () => new Date(clockState(runtime).now),
    setFaults: (rules, seed) => setRuntimeFaults(faults, { rules, seed }),
    clearFaults: () => setRuntimeFaults(faults, { rules: [] }),
    requests: (filter) => log.list(filter),
    clearRequests: () => log.clear(),
    expireSessions: () => runtime.sessions.expireAll(),
  };
}
