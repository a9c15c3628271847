import YAML from "yaml";
import { z } from "zod";
import type { FaultInjector, RuntimeFaultRule } from "./core/faults";
import type { RequestLog } from "./core/request-log";
import type { SimulatorRuntime } from "./core/service";
import { deployTemplate, TemplateDeployError } from "./estate/deploy-template";
import { EstateValidationError, faultSchema, formatIssuePath } from "./estate/schema";
import type { HttpRequestData, HttpResponseData } from "./protocols/types";

// The admin API under /_sim/ (never an AWS path): estates, clock, faults and the request log, for
// tests and the demo's history replay. Documented in docs/simulator-estates.md.

export interface AdminDependencies {
  runtime: SimulatorRuntime;
  faults: FaultInjector;
  log: RequestLog;
}

const runtimeFaultSchema = faultSchema.extend({
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
});
const faultsBodySchema = z.strictObject({
  seed: z.number().int().optional(),
  rules: z.array(runtimeFaultSchema).default([]),
});
const clockBodySchema = z.strictObject({
  now: z.string().optional(),
  advance: z.string().optional(),
  frozen: z.boolean().optional(),
  reset: z.boolean().optional(),
});

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
  }
}

function json(status: number, body: unknown): HttpResponseData {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body, null, 2) };
}

function readBody(request: HttpRequestData): unknown {
  const text = request.body.toString("utf8");
  if (text.trim() === "") return {};
  try {
    return (request.headers["content-type"] ?? "").includes("yaml") ? YAML.parse(text) : JSON.parse(text);
  } catch (error) {
    throw new AdminError(
      400,
      `Body is not valid ${(request.headers["content-type"] ?? "").includes("yaml") ? "YAML" : "JSON"}: ${(error as Error).message}`,
    );
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AdminError(
    400,
    "Invalid request body",
    result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
  );
}

export function clockState(runtime: SimulatorRuntime) {
  return { now: runtime.clock.now().toISOString(), frozen: runtime.clock.isFrozen() };
}

export function applyClockChange(runtime: SimulatorRuntime, change: z.infer<typeof clockBodySchema>): void {
  if (change.reset) runtime.clock.reset();
  if (change.now) runtime.clock.set(change.now, { frozen: change.frozen ?? runtime.clock.isFrozen() });
  else if (change.frozen !== undefined) runtime.clock.set(runtime.clock.now(), { frozen: change.frozen });
  if (change.advance) runtime.clock.advance(change.advance);
}

export function setRuntimeFaults(faults: FaultInjector, body: unknown): void {
  const parsed = parseWith(faultsBodySchema, body);
  faults.runtimeRules = parsed.rules as RuntimeFaultRule[];
  faults.reset(parsed.seed ?? faults.seed);
}

function estateSummary(runtime: SimulatorRuntime) {
  return runtime.estates.all().map((record) => ({
    accountId: record.estate.accountId,
    alias: record.estate.alias,
    name: record.estate.name,
    regions: record.estate.regions,
    roleArn: `arn:aws:iam::${record.estate.accountId}:role${record.estate.auditRole.path}${record.estate.auditRole.name}`,
    source: record.source,
    version: record.version,
  }));
}

async function route(request: HttpRequestData, dependencies: AdminDependencies): Promise<HttpResponseData> {
  const { runtime, faults, log } = dependencies;
  const segments = request.rawPath.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  const [resource, id] = segments;
  const method = request.method;
  const query = new Map(request.query);

  switch (resource) {
    case "health":
      return json(200, { ok: true, accounts: runtime.estates.all().length, clock: clockState(runtime) });
    case "identity":
      return json(200, { ...runtime.base });
    case "estates": {
      if (!id) {
        if (method === "GET") return json(200, estateSummary(runtime));
        if (method === "POST") {
          const record = putEstate(runtime, readBody(request), "admin:POST");
          return json(201, { accountId: record.estate.accountId, version: record.version });
        }
        break;
      }
      if (method === "GET") {
        const record = runtime.estates.get(id);
        return record ? json(200, record.raw) : json(404, { error: `No estate for account ${id}` });
      }
      if (method === "PUT") {
        const body = readBody(request) as Record<string, unknown>;
        const record = putEstate(runtime, { ...body, accountId: body.accountId ?? id }, `admin:PUT ${id}`);
        return json(200, { accountId: record.estate.accountId, version: record.version });
      }
      if (method === "PATCH") {
        const record = wrapValidation(() => runtime.estates.patch(id, readBody(request)));
        return record
          ? json(200, { accountId: id, version: record.version })
          : json(404, { error: `No estate for account ${id}` });
      }
      if (method === "DELETE")
        return runtime.estates.remove(id) ? json(204, {}) : json(404, { error: `No estate for account ${id}` });
      break;
    }
    case "stacks": {
      // POST /_sim/stacks/<accountId>?RoleName=…&regions=a,b with a CloudFormation or StackSet template body.
      if (method !== "POST") break;
      if (!id || !/^\d{12}$/.test(id)) throw new AdminError(400, "POST /_sim/stacks/<12-digit account id>");
      const { regions, ...parameters } = Object.fromEntries(query) as Record<string, string>;
      const record = wrapValidation(() => {
        try {
          return deployTemplate(runtime.estates, request.body.toString("utf8"), {
            accountId: id,
            parameters,
            regions: regions ? regions.split(",") : undefined,
          });
        } catch (error) {
          if (error instanceof TemplateDeployError) throw new AdminError(400, error.message);
          throw error;
        }
      });
      const role = record.estate.auditRole;
      return json(201, {
        accountId: id,
        roleArn: `arn:aws:iam::${id}:role${role.path}${role.name}`,
        version: record.version,
      });
    }
    case "clock": {
      if (method === "GET") return json(200, clockState(runtime));
      if (method === "PUT" || method === "POST") {
        try {
          applyClockChange(runtime, parseWith(clockBodySchema, readBody(request)));
        } catch (error) {
          if (error instanceof AdminError) throw error;
          throw new AdminError(400, (error as Error).message);
        }
        return json(200, clockState(runtime));
      }
      break;
    }
    case "faults": {
      if (method === "GET") return json(200, { seed: faults.seed, rules: faults.runtimeRules });
      if (method === "PUT") {
        setRuntimeFaults(faults, readBody(request));
        return json(200, { seed: faults.seed, rules: faults.runtimeRules });
      }
      if (method === "POST") {
        const rule = parseWith(runtimeFaultSchema, readBody(request)) as RuntimeFaultRule;
        faults.runtimeRules = [...faults.runtimeRules, rule];
        return json(201, { seed: faults.seed, rules: faults.runtimeRules });
      }
      if (method === "DELETE") {
        faults.runtimeRules = [];
        faults.reset();
        return json(200, { seed: faults.seed, rules: [] });
      }
      break;
    }
    case "requests": {
      if (method === "GET") {
        const since = query.get("since");
        return json(
          200,
          log.list({
            since: since ? Number(since) : undefined,
            service: query.get("service"),
            operation: query.get("operation"),
            accountId: query.get("accountId"),
            region: query.get("region"),
          }),
        );
      }
      if (method === "DELETE") {
        log.clear();
        return json(200, { cleared: true });
      }
      break;
    }
    case "sessions": {
      if (method === "DELETE") {
        runtime.sessions.expireAll();
        return json(200, { expired: true });
      }
      break;
    }
    default:
      return json(404, { error: `Unknown admin resource ${resource ?? "(none)"}` });
  }
  return json(405, { error: `${method} is not supported on /_sim/${resource}` });
}

function wrapValidation<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof EstateValidationError) throw new AdminError(400, "Invalid estate", error.message.split("\n"));
    throw error;
  }
}

function putEstate(runtime: SimulatorRuntime, body: unknown, source: string) {
  return wrapValidation(() => runtime.estates.put(body, source));
}

export async function handleAdminRequest(
  request: HttpRequestData,
  dependencies: AdminDependencies,
): Promise<HttpResponseData> {
  try {
    return await route(request, dependencies);
  } catch (error) {
    if (error instanceof AdminError) return json(error.status, { error: error.message, issues: error.issues });
    return json(500, { error: (error as Error).message });
  }
}
